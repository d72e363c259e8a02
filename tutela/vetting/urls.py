from django.urls import path

from tutela.vetting import views

app_name = "vetting"
urlpatterns = [
    path("", views.decision_queue, name="queue"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("officers/<int:pk>/", views.officer_decision_list, name="officer_decision_list"),
    path(
        "officers/<int:pk>/decide/", views.officer_decision_create, name="officer_decision_create"
    ),
    path("units/<int:pk>/", views.unit_decision_list, name="unit_decision_list"),
    path("units/<int:pk>/decide/", views.unit_decision_create, name="unit_decision_create"),
    path("alerts/", views.alert_list, name="alert_list"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert_detail"),
    path("watchlists/", views.watchlist_list, name="watchlist_list"),
    path("watchlists/import/", views.watchlist_import, name="watchlist_import"),
    path(
        "watchlists/versions/<int:pk>/",
        views.watchlist_version_detail,
        name="watchlist_version_detail",
    ),
    path("rescreens/", views.rescreen_list, name="rescreen_list"),
    path("rescreens/start/", views.rescreen_start, name="rescreen_start"),
    path("rescreens/<int:pk>/row/", views.rescreen_row, name="rescreen_row"),
]
