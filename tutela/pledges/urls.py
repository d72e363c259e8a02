from django.urls import path

from tutela.pledges import views

app_name = "pledges"
urlpatterns = [
    path("", views.pledge_list, name="list"),
    path("add/", views.pledge_create, name="create"),
    path("<int:pk>/", views.pledge_detail, name="detail"),
]
