from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("parcours/", views.PathListView.as_view(), name="path_list"),
    path("parcours/<slug:slug>/", views.PathDetailView.as_view(), name="path_detail"),
    path("formations/", views.ProgrammeListView.as_view(), name="programme_list"),
    # Before the detail pattern, which would otherwise read "comparer" as a slug.
    path("formations/comparer/", views.ComparisonView.as_view(), name="compare"),
    path("formations/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
]
