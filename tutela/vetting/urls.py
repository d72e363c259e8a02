from django.urls import path

from tutela.vetting import views

app_name = "vetting"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
]
