"""Figures for the web: resize, encode, cache and the `<img srcset>` markup.

The course's raw figures are retina slide screenshots (median ~200 KB, one in ten over 0.9 MB and
3,400 px). Shipping them as-is made an article of twenty figures weigh ~9 MB; this package ships a
few responsive widths of each, in the smaller of lossy WebP and palette PNG, from a
content-addressed cache that makes an unchanged rebuild nearly free.
"""
