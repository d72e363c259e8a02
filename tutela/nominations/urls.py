from django.urls import path

from tutela.nominations import views

app_name = "nominations"
urlpatterns = [
    path("", views.nomination_list, name="list"),
    path("new/", views.nomination_create, name="create"),
    path("<int:pk>/", views.nomination_detail, name="detail"),
    path("<int:pk>/enrol/", views.nomination_enrol, name="enrol"),
    path("<int:pk>/override/", views.nomination_override, name="override"),
    path("<int:pk>/close/", views.nomination_close, name="close"),
    path("<int:pk>/complete/", views.nomination_complete, name="complete"),
    path("<int:pk>/invitation/", views.nomination_invitation, name="invitation"),
    path("roster/", views.roster_upload, name="roster_upload"),
    path("roster/template.<str:fmt>", views.roster_template, name="roster_template"),
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/<int:pk>/", views.officer_detail, name="officer_detail"),
    path(
        "officers/<int:pk>/personal-data/",
        views.officer_personal_data,
        name="officer_personal_data",
    ),
]
