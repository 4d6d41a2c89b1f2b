"""Why a survey request cannot be served; each maps to its own page and status code.

Kept free of heavy imports: the routes import these at cold start to register handlers.
"""

from __future__ import annotations


class SurveyProblem(Exception):
    status_code = 400
    page = "bad_request"
    # The municipality behind the link, when the link named one (its problem page is branded
    # with it); set where the invitation was read.
    tenant: object | None = None


class MalformedForm(SurveyProblem, ValueError):
    """The request body is not a form these pages send (too big, bad encoding, repeated)."""


class FormTooLarge(MalformedForm):
    """A body over the form's size limit (a comment pasted far beyond its length)."""

    status_code = 413
    page = "too_large"


class InvitationNotFound(SurveyProblem):
    status_code = 404
    page = "not_found"


class InvitationExpired(SurveyProblem):
    status_code = 410
    page = "expired"


class AlreadyAnswered(SurveyProblem):
    status_code = 409
    page = "answered"


class AlreadyDeclined(SurveyProblem):
    status_code = 409
    page = "declined_before"


class UnsupportedMediaType(SurveyProblem):
    """A POST whose body is not a form (urlencoded or multipart/form-data)."""

    status_code = 415


class CrossSiteRequest(SurveyProblem):
    """A browser's POST from another site (Sec-Fetch-Site: cross-site, or a foreign Origin)."""

    status_code = 403


class ContactNotOffered(SurveyProblem):
    """ "Kontakta mig" for no municipality, or one that takes no requests (no report_contacts)."""

    status_code = 404
    page = "contact_off"


class ContactCapReached(SurveyProblem):
    """The municipality's daily cap of "kontakta mig" requests is reached (a flood)."""

    status_code = 429
    page = "contact_full"
