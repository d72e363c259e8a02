from django.urls import path

from tutela.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
]
