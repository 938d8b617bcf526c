from django.urls import path

from careers import views

app_name = "careers"

urlpatterns = [
    path("", views.CareerListView.as_view(), name="list"),
    # Before the profiles: no career may take this slug (careers.models.RESERVED_SLUGS).
    path("les-mieux-payes/", views.RankingView.as_view(), name="ranking"),
    path("<slug:slug>/", views.CareerDetailView.as_view(), name="detail"),
]
