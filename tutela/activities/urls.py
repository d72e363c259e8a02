from django.urls import path

from tutela.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
]
