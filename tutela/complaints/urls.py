from django.urls import path

from tutela.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_create, name="create"),
    path("received/", views.complaint_received, name="received"),
    path("queue/", views.complaint_list, name="list"),
    path("queue/<int:pk>/", views.complaint_detail, name="detail"),
    path("queue/<int:pk>/link/", views.complaint_link, name="link"),
    path("queue/<int:pk>/referrals/add/", views.referral_create, name="referral_create"),
    path("queue/<int:pk>/close/", views.complaint_close, name="close"),
    path("referrals/<int:pk>/close/", views.referral_close, name="referral_close"),
]
