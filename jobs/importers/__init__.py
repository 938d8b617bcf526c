"""Offers from outside sources: one module per source (``francetravail``), one way of writing them (``sync``)."""
