from django.urls import path

from orientation import views

app_name = "orientation"

urlpatterns = [
    path("", views.FinderView.as_view(), name="finder"),
    path("cout/", views.SimulatorView.as_view(), name="simulator"),
]
