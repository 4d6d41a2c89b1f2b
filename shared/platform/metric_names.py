"""Every custom metric the functions emit, named once: the code that emits one and the alarm or
dashboard widget that reads it (infra/constructs/monitoring.py) import the same name, so a
renamed metric cannot leave an alarm watching a series nobody writes.

Namespace ``Servicematning`` (shared.platform.observability). No metric carries personal data
or a municipality: dimensions are the channel, the isolation stage, or none.
"""

from __future__ import annotations

from enum import StrEnum


class Metric(StrEnum):
    # ingest (shared.ingest.service); one series per outcome: FILES_PREFIX + Outcome
    CONTACTS_RECEIVED = "ContactsReceived"
    CONTACTS_ACCEPTED = "ContactsAccepted"
    CONTACTS_SAMPLED = "ContactsSampled"
    DAYS_DRAWN = "DaysDrawn"
    UPLOAD_REPORTS_SENT = "UploadReportsSent"
    # the upload alarms (shared.ingest.alarms): one file counts towards at most one
    FILES_REFUSED = "FilesRefused"
    FILES_OUTSIDE_CAMPAIGN = "FilesOutsideCampaign"
    FILES_NOTHING_ACCEPTED = "FilesNothingAccepted"
    UPLOAD_REPORTS_FAILED = "UploadReportsFailed"
    # the upload watch (shared.ingest.watch)
    MUNICIPALITIES_SILENT = "MunicipalitiesSilent"
    MUNICIPALITIES_WATCHED = "MunicipalitiesWatched"  # active today (the dashboard's context)
    # dispatch (shared.dispatch.run), per channel
    INVITATIONS_SENT = "InvitationsSent"
    INVITATIONS_UNCERTAIN = "InvitationsUncertain"
    INVITATIONS_FAILED = "InvitationsFailed"
    INVITATIONS_DROPPED = "InvitationsDropped"
    INVITATIONS_DEFERRED = "InvitationsDeferred"
    INVITATIONS_REFUSED = "InvitationsRefused"
    # purge (shared.dispatch.service)
    PURGED_STALE_CONTACTS = "PurgedStaleContacts"
    INVITATIONS_RECONCILED = "InvitationsReconciled"  # left in ``sending`` by a crash
    # survey (shared.survey.routes)
    SURVEY_ANSWERED = "SurveyAnswered"
    SURVEY_DECLINED = "SurveyDeclined"
    # results (functions/results)
    STREAMS_RELEASED = "StreamsReleased"
    RELEASES_PUBLISHED = "ReleasesPublished"
    RELEASE_RACES = "ReleaseRaces"
    RELEASE_FAILURES = "ReleaseFailures"
    COMMENT_BATCHES = "CommentBatches"
    # a comment the thorough redaction raised on (shared.platform.redaction.thorough), by stage
    COMMENTS_WITHHELD = "CommentsWithheld"
    # the isolation boundary (shared.platform.isolation), by stage
    MUNICIPALITY_FAILED = "MunicipalityFailed"
    TENANT_SETTINGS_INVALID = "TenantSettingsInvalid"
    # the canary (shared.canary)
    CANARY_PASSED = "CanaryPassed"
    CANARY_MILLISECONDS = "CanaryMilliseconds"


FILES_PREFIX = "Files_"  # Files_waiting, Files_ingested, Files_file_error, … (one per Outcome)
