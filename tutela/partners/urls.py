from django.urls import path

from tutela.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("add/", views.partner_create, name="create"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    path("<int:pk>/agencies/add/", views.agency_create, name="agency_create"),
    path("agencies/<int:pk>/units/add/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("institutions/add/", views.institution_create, name="institution_create"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/add/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/documents/add/", views.document_create, name="document_create"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("agreements/<int:pk>/assessments/add/", views.assessment_create, name="assessment_create"),
    path("agreements/<int:pk>/activate/", views.agreement_activate, name="agreement_activate"),
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/<int:pk>/decide/", views.assessment_decide, name="assessment_decide"),
]
