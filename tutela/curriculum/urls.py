from django.urls import path

from tutela.curriculum import views

app_name = "curriculum"
urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
]
