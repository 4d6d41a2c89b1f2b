"""Disclosure control: the release core, kept apart as Tumult Analytics keeps its mechanisms.

Pure (no AWS, randomness injected); the only way a figure reaches a reader.

- ``noise``      the exact discrete Gaussian sampler, the one budget per resident (zCDP ρ,
                 split between the figures and the comment checks), and the exposure of one
                 respondent, derived from ``shared.core.totals.contributions``;
- ``continual``  the binary-tree mechanism with a campaign node, and the GLS estimate of any
                 running total from its noisy blocks;
- ``release``    what a release day does to one stream: measure the blocks that close, estimate,
                 make consistent, keep the secret state.

The calendar that says when (``shared.results.schedule``) and the comment batches' noisy check
(``shared.results.comments``) use these; everything a municipality reads is computed from what
``release`` publishes (``shared.results.figures``).
"""
