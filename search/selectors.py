"""Vietnamese product search: accent-free, đ/d-blind, tolerant of small typos, best matches first.

Documents and queries are folded the same way (indexing.fold). A product matches when its document
contains every word of the query; on PostgreSQL also when the whole query is word-similar (pg_trgm
`%>`, served by the GIN trigram index) to some stretch of its document, which catches small typos
such as "nuoc mam phu quok". Ranking: the query inside the title, then trigram word similarity to the
title and to the whole document (on SQLite, how many query words the title holds).
"""

from functools import reduce
from operator import and_

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Cast

from .indexing import fold, search_documents_catch_up

MAX_QUERY_WORDS = 8
# pg_trgm's `%>` (word similarity above 0.6, index-served) finds the candidates; 0.7 keeps typos of
# the words typed ("phu quok": 0.89) and drops products sharing only half of them ("cat hai": 0.61).
TYPO_SIMILARITY = 0.7


def _contains(field: str, text: str) -> Q:
    return Q(**{f"search_document__{field}__contains": text})


def _bonus(condition: Q, points: float) -> Case:
    return Case(When(condition, then=Value(points)), default=Value(0.0), output_field=FloatField())


def matching_products(products: QuerySet, *, query: str) -> QuerySet:
    """`products` narrowed to those matching `query`, annotated with `relevance` (higher is better)."""
    folded = fold(query)
    words = folded.split()[:MAX_QUERY_WORDS]
    if not words:
        return products.annotate(relevance=Value(0.0, output_field=FloatField()))
    search_documents_catch_up()
    folded = " ".join(words)
    every_word = reduce(and_, (_contains("text", word) for word in words))
    in_title = _bonus(_contains("title", folded), 2.0)
    if connection.vendor == "postgresql":
        products = products.annotate(
            text_similarity=Cast(TrigramWordSimilarity(Value(folded), "search_document__text"), FloatField())
        )
        similar = Q(search_document__text__trigram_word_similar=folded)
        close_enough = similar & Q(text_similarity__gte=TYPO_SIMILARITY)
        matches = products.filter(every_word | close_enough)
        relevance = (
            in_title
            + Cast(TrigramWordSimilarity(Value(folded), "search_document__title"), FloatField())
            + F("text_similarity") * 0.5
        )
    else:
        matches = products.filter(every_word)
        relevance = reduce(lambda total, word: total + _bonus(_contains("title", word), 0.5), words, in_title)
    return matches.annotate(relevance=relevance)
