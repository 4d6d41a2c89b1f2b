"""Results: running totals in, releases with noise, figures and views out.

``totals`` says what an answer adds (in its own transaction); ``release`` decides when a batch
goes out and adds the noise of one stated budget (``noise``); ``figures`` computes every
figure from published counts only; ``export``, ``opendata`` and ``report`` are its views;
``comments`` releases comments in large shuffled batches; ``source`` and ``service`` are the
DynamoDB/S3 edge and the protocol. Everything but ``source``/``service``/``export.write`` is
pure.
"""
