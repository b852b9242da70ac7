"""Where a text names a thing and whether it introduces it (rag.text.naming)."""

from __future__ import annotations

from rag.text.naming import name_spots, naming_weight, writes_name


def test_a_name_with_capitals_inside_is_matched_in_its_own_case():
    assert not name_spots("TRADES", "the model trades accuracy for robustness and trades speed")
    assert len(name_spots("TRADES", "unlike TRADES, ...")) == 1
    assert len(name_spots("dropout", "Dropout helps; dropout hurts")) == 2  # no capital inside: any case


def test_plural_and_hyphen_variants_name_the_same_thing():
    assert name_spots("GAN", "we train two GANs")
    assert name_spots("ResNet-50", "a ResNet50 backbone")
    assert not name_spots("GAN", "a GANimation model")  # a word of its own only


def test_a_name_in_passing_weighs_its_mentions_and_an_introduced_one_two():
    passing = "We propose AERO, a model that outperforms the baselines on LSD, ViSQOL and MUSHRA."
    assert naming_weight("ViSQOL", "AERO: Audio Super Resolution", passing) == 1
    assert naming_weight("AERO", "AERO: Audio Super Resolution", passing) == 2  # its title
    defined = "We give an offline algorithm, the robust fitted-Z iteration (RFZI), for this problem."
    assert naming_weight("RFZI", "Regularized Robust MDPs", defined) == 2
    called = "Our method, called FooNet, beats PGD."
    assert naming_weight("FooNet", "A title", called) == 2 and naming_weight("PGD", "A title", called) == 1


def test_a_name_is_found_however_a_question_and_an_abstract_spell_it_but_not_another_name():
    for name, text in (
        ("ImageNet-C", "gains of 6% on ImageNet C and 4% on ImageNet V2"),  # a space for the hyphen
        ("CIFAR10", "on CIFAR-10, it reaches"),  # a hyphen between letters and digits
        ("DenseNet121", "a DenseNet-121 reaches"),
        ("MoE-CNNs", "to robustify an MoE-CNN."),  # the singular
        ("300x300", "For 300times 300 input"),  # LaTeX's times
        ("HRSC2016", "41.05%/80.01% on DOTA/HRSC datasets"),  # the edition's year left off
        ("OOD", "out-of-distribution robustness"),  # an acronym by its words' initials
        ("BatchNorm", "Batch Normalisation (BN) layers"),  # its capitalised words begun
    ):
        assert writes_name(name, text), (name, text)
    for name, text in (
        ("CIFAR-10", "on CIFAR-100 it reaches"),
        ("CIFAR10", "on CIFAR-100, it"),
        ("ResNet-50", "a ResNet-500 backbone"),
        ("MovieLens", "on Yelp and Amazon reviews"),
        ("TRADES", "it trades accuracy off"),
        ("R2anker", "a robust ranker"),
    ):
        assert not writes_name(name, text), (name, text)
