from django.urls import path

from tutela.curriculum import views

app_name = "curriculum"
urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("courses/add/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/versions/add/", views.version_create, name="version_create"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("versions/<int:pk>/edit/", views.version_update, name="version_update"),
    path("versions/<int:pk>/modules/add/", views.module_create, name="module_create"),
    path("versions/<int:pk>/submit/", views.version_submit, name="version_submit"),
    path("versions/<int:pk>/review/", views.version_review, name="version_review"),
    path("versions/<int:pk>/retire/", views.version_retire, name="version_retire"),
    path("modules/<int:pk>/remove/", views.module_remove, name="module_remove"),
    path("modules/<int:pk>/links/add/", views.module_link, name="module_link"),
    path("modules/<int:pk>/comments/add/", views.module_comment, name="module_comment"),
    path("links/<int:pk>/remove/", views.link_remove, name="link_remove"),
    path("versions/<int:pk>/assign/", views.version_assign, name="version_assign"),
    path("versions/<int:pk>/diff/", views.version_diff, name="version_diff"),
    path("standards/", views.standard_list, name="standard_list"),
    path("public/", views.public_course_list, name="public_list"),
    path("public/versions/<int:pk>/", views.public_version_detail, name="public_version"),
]
