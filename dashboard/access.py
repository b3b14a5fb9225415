import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from challenges.flags import PHASE2_DASHBOARD, flag_enabled


def staff_dashboard(view):
    """Staff only (log-in first, then 403 for students), behind the phase2_dashboard flag."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not flag_enabled(PHASE2_DASHBOARD, request=request):
            raise Http404("The Phase 2 dashboards are switched off.")
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied("Staff only.")
        return view(request, *args, **kwargs)

    return wrapper
