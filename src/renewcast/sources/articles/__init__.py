"""The article reader: news pages in, candidate claims with verbatim quotes out.

:mod:`.reader` fetches and cleans a page (:mod:`.html` through trafilatura, :mod:`.plain`
for copied text); :mod:`.reading` finds the show and runs the claim readers
(:mod:`.facts`, :mod:`.cast`, :mod:`.statements`, :mod:`.plot`). Plain Python: the
catalog passes in what it knows (titles, names, seasons). See docs/reader.md.
"""
