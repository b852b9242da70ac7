"""Where a text names a thing and whether it introduces it (rag.text.naming)."""

from __future__ import annotations

from rag.text.naming import coined_name, name_spots, naming_weight


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


def test_the_name_a_paper_gives_its_own_method_is_found_and_another_s_is_not():
    assert coined_name("Next, we instantiate our framework and propose the SSO algorithm, a projected SGD.") == "SSO"
    assert coined_name("In this paper, we design a new bilevel algorithm, namely BO-REP, to address it.") == "BO-REP"
    assert coined_name("We then introduce Efficient Margin MAximization (EMMA), a loss function.") == "EMMA"
    assert coined_name("Our approach, named SSD, discretizes the output space.") == "SSD"
    assert coined_name("We term the eventual defense as ZO-AE-DS.") == "ZO-AE-DS"
    # another's name, or an acronym defined in passing
    assert coined_name("We propose a loss inspired by distributionally robust optimization (DRO).") == ""
    assert coined_name("We show how recently proposed robust ImageNet backbones can be used.") == ""
    assert coined_name("Cross Entropy (CE) loss is not robust to noisy labels.") == ""
    assert coined_name("Namely, we consider multi-layer perceptron (MLP) architectures.") == ""
    assert coined_name("We propose a simple and effective optimization algorithm.") == ""
    assert coined_name("This led to the so-called deep Prototype-Based Networks (PBNs).") == ""
    assert coined_name("We propose a defense against PGD attacks.") == ""


def test_of_several_candidates_the_acronym_or_the_word_after_a_naming_word_is_the_name():
    # a capitalised compound is no name; the acronym in brackets after it is
    assert coined_name("We introduce Adaptive Sharpness-Aware Pruning (AdaSAP), which unifies them.") == "AdaSAP"
    # a generic acronym before the name
    assert coined_name("We propose a more robust offline RL approach named Robust IQL (RIQL).") == "RIQL"
    assert coined_name("We propose a novel GNN architecture called GraphFoo.") == "GraphFoo"
    # function words inside a name in capitals; a "+" kept
    assert coined_name('We introduce a paradigm called "Forget to Mitigate Overfitting (FOMO)".') == "FOMO"
    assert coined_name("We first propose a novel framework called RSCP+ to certify it.") == "RSCP+"
    assert coined_name("The approach, referred to as AdvUnlearn, works.") == "AdvUnlearn"
