"""Dispatch: invite sampled contacts by SMS and e-mail, then forget them; and the purge.

- ``planning``: pure decisions (sending window, caps, target mode, random choice);
- ``senders``: SNS and SES v2 adapters that send once and classify every error;
- ``tables``: the DynamoDB adapter with the at-most-once claim;
- ``run``: a dispatch run over all tenants;
- ``service``: the entry points the Lambda handlers call, wired from the environment.
"""
