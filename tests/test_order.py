from summarizer.core.order import order
from summarizer.documents import Unit


def unit(doc, index, total, dangling=False):
    return Unit(
        text=f"s{doc}{index}",
        document=f"d{doc}",
        doc_order=doc,
        index=index,
        paragraph=index,
        tokens=(),
        terms=(),
        relative_position=index / total,
        dangling=dangling,
    )


UNITS = [unit(0, 0, 10), unit(0, 5, 10), unit(1, 1, 4), unit(1, 3, 4, dangling=True)]
SCORES = [0.1, 0.4, 0.3, 0.9]


def test_article_order_puts_the_best_self_contained_lead_first_then_by_position():
    # Unit 3 scores best but leans on context, so unit 1 leads.
    assert order([0, 1, 2, 3], UNITS, SCORES, how="article") == [1, 0, 2, 3]


def test_score_and_source_orders():
    assert order([0, 1, 2, 3], UNITS, SCORES, how="score") == [3, 1, 2, 0]
    assert order([3, 2, 1, 0], UNITS, SCORES, how="source") == [0, 1, 2, 3]
