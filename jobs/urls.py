from django.urls import path

from jobs import feeds, views

app_name = "jobs"

urlpatterns = [
    path("offres/", views.OfferListView.as_view(), name="offer_list"),
    # Before the detail pattern, so no offer slug can shadow them.
    path("offres/flux.rss", feeds.OfferFeed(), name="feed_rss"),
    path("offres/flux.atom", feeds.AtomOfferFeed(), name="feed_atom"),
    path("offres/<slug:slug>/", views.OfferDetailView.as_view(), name="offer_detail"),
    path("employeurs/<slug:slug>/", views.EmployerDetailView.as_view(), name="employer_detail"),
]
