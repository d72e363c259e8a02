from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from ninja import NinjaAPI, Swagger

from tutela.accounts.api import install_error_handlers
from tutela.accounts.api import router as accounts_router
from tutela.accounts.auth import api_auth
from tutela.activities.api import router as activities_router
from tutela.audit.api import router as audit_router
from tutela.complaints.api import router as complaints_router
from tutela.curriculum.api import public_router as public_curriculum_router
from tutela.curriculum.api import router as curriculum_router
from tutela.learning.api import router as learning_router
from tutela.nominations.api import router as nominations_router
from tutela.partners.api import router as partners_router
from tutela.pledges.api import router as pledges_router
from tutela.records.api import router as records_router
from tutela.vetting.api import router as vetting_router

api = NinjaAPI(
    title="Tutela API",
    version="1",
    description="Send `Authorization: Bearer <token>` (tokens are issued on the API tokens page), "
    "or sign in with the browser. Errors answer JSON with `detail` (and `field` when one input "
    "caused it).",
    urls_namespace="api",
    auth=api_auth,
    docs=Swagger(settings={"persistAuthorization": False}),
)
install_error_handlers(api)
api.add_router("/accounts", accounts_router)
api.add_router("/partners", partners_router)
api.add_router("/pledges", pledges_router)
api.add_router("/curriculum", curriculum_router)
api.add_router("/activities", activities_router)
api.add_router("/nominations", nominations_router)
api.add_router("/vetting", vetting_router)
api.add_router("/audit", audit_router)
api.add_router("/records", records_router)
api.add_router("/learning", learning_router)
api.add_router("/complaints", complaints_router)

# Public reads, no sign-in: a second API with its own OpenAPI document (/api/v1/public/docs).
public_api = NinjaAPI(
    title="Tutela public API",
    version="1-public",
    description="What the programme publishes: no token needed.",
    urls_namespace="public_api",
)
install_error_handlers(public_api)
public_api.add_router("/curriculum", public_curriculum_router)

urlpatterns = [
    path("", include("tutela.accounts.urls")),
    path("partners/", include("tutela.partners.urls")),
    path("pledges/", include("tutela.pledges.urls")),
    path("curriculum/", include("tutela.curriculum.urls")),
    path("activities/", include("tutela.activities.urls")),
    path("nominations/", include("tutela.nominations.urls")),
    path("vetting/", include("tutela.vetting.urls")),
    path("audit/", include("tutela.audit.urls")),
    path("records/", include("tutela.records.urls")),
    path("learning/", include("tutela.learning.urls")),
    path("complaints/", include("tutela.complaints.urls")),
    path("api/v1/public/", public_api.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)  # type: ignore[arg-type]
