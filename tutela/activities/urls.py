from django.urls import path

from tutela.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_create, name="create"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/status/", views.activity_status_update, name="status_update"),
    path("<int:pk>/staff/", views.activity_staff_update, name="staff_update"),
    path("<int:pk>/seats/", views.seat_allocation_list, name="seats"),
    path("<int:pk>/seats/request/", views.seat_request_create, name="seat_request_create"),
    path("<int:pk>/seats/rules/", views.seat_rules_update, name="seat_rules_update"),
    path("<int:pk>/seats/allocate/", views.seat_allocation_create, name="seat_allocation_create"),
]
