from django.urls import path

from careers import views

app_name = "careers"

urlpatterns = [
    path("", views.CareerListView.as_view(), name="list"),
    path("<slug:slug>/", views.CareerDetailView.as_view(), name="detail"),
]
