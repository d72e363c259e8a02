from django.urls import path

from tutela.learning import views

app_name = "learning"
urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("activities/<int:pk>/", views.activity_record, name="activity_record"),
    path("activities/<int:pk>/days/<str:day>/", views.attendance_day, name="attendance_day"),
    path("activities/<int:pk>/scores/", views.scores_edit, name="scores_edit"),
    path("activities/<int:pk>/complete/", views.activity_complete, name="activity_complete"),
    path("activities/<int:pk>/check-in-code/", views.check_in_code, name="check_in_code"),
    path("activities/<int:pk>/paper/", views.paper_upload, name="paper_upload"),
    path("activities/<int:pk>/paper/template.csv", views.paper_template, name="paper_template"),
    path("check-in/<str:token>/", views.check_in, name="check_in"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("officers/<int:pk>/supervisor/", views.supervisor_edit, name="supervisor_edit"),
    path("results/", views.results, name="results"),
    path("survey/<str:token>/", views.survey_answer, name="survey_answer"),
]
