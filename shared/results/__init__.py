"""Results: the 0–100 index with intervals, suppression, export to S3 and the HTML report.

``figures.compute`` makes every figure once; ``export`` writes them for Athena/QuickSight and
as open data; ``report`` renders them as HTML. All three read the same rows.
"""
