"""Results: running totals in, releases with noise, figures and views out.

``shared.core.totals`` says what an answer adds (in the answer's own transaction); the
release core in ``disclosure`` (noise, the tree, the release day) adds the noise of one stated
budget on the public calendar (``schedule``); ``figures`` computes every figure from published
counts only, and ``headline``/``stats`` the comparisons; ``export``, ``opendata`` and
``download`` are its views (the report page itself is an operator tool: ``shared.cli``);
``comments`` releases comments in large shuffled batches and ``themes`` counts their themes
and tone; ``source`` and ``service`` are the DynamoDB/S3 edge and the protocol. Everything but
``source``/``service``/``export.write`` is pure.
"""
