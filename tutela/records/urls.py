from django.urls import path

from tutela.records import views

app_name = "records"

urlpatterns = [
    path("", views.record_list, name="record_list"),
    path("<int:pk>/", views.record_detail, name="record_detail"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/new/", views.import_create, name="import_create"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
]
