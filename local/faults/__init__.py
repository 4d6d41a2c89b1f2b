"""``make faults``: load and fault tests of the real handlers on this machine, then a table.

    python -m local.faults [--residents 50] [--instances 4] [--time-limit 180] [--out DIR]

Everything runs against the moto server on 127.0.0.1 (local.environment) and the local survey
server (local.server) on 127.0.0.1; nothing else is contacted. Faults are injected on the
functions' own boto3 clients with botocore event hooks (``before-parameter-build``): the
matching call raises as AWS would have answered it (a throttle, a rejection, a 5xx, a timeout,
a cancelled transaction) and never reaches the emulator. The checks read the emulator through
clients of their own, which no fault touches.

1. residents: N residents open and answer their invitation over HTTP at the same moment, some
   submitting twice at once: every answer stored once, no 5xx.
2. sending: SNS/SES throttling, rejections, a 5xx and timeouts during dispatch, then a second
   run: nothing sent twice, throttled contacts sent in the later run, rejections counted, no
   contact left.
3. DynamoDB: a timeout or conditional failure in ingest (receiving a file, the daily draw),
   dispatch, purge, survey and results;
   each fails cleanly (the survey with its 503 page) and the retry succeeds, nothing doubled.
4. bad files: an .xlsx renamed .csv and an empty file in one SQS batch with good files, then
   the day's draw over all four.
5. flood: one client aims 10x the stage's throttle at the survey instances while N residents
   answer: no 5xx, no lost answer. Locally this measures the handler under the flood, not
   WAF (which answers such a client at CloudFront in AWS; infra/edge.py).

One module per scenario (residents, sending, dynamodb, files, flood), what they share in
``harness``, the survey servers in ``servers``, and the one runner in ``runner``.

Scenarios 1 and 5 send the residents to several survey servers, each its own process serving one
request at a time as a Lambda instance does (one process cannot stand for several: the
Powertools resolver keeps the current event globally). They share the moto server, which runs
in this process with each DynamoDB request made atomic by a lock, because moto's
TransactWriteItems is not atomic under threads and DynamoDB's is. The fault scenarios use a
survey server inside this process, where the hooks are.

Exit status 0 when everything held, 1 when something did not, 2 on the time limit.
"""
