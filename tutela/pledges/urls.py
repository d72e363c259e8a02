from django.urls import path

from tutela.pledges import views

app_name = "pledges"
urlpatterns = [
    path("", views.list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
]
