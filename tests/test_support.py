"""The verifier's checks beyond shared words (rag.answering.support) and the sentences that are
no claim at all (rag.answering.verify.degenerate), on hand-made sources."""

from __future__ import annotations

from rag.answering import support
from rag.answering.verify import cited_parts, verify
from rag.settings import SupportSettings

GN = (
    "Group Normalization. Batch Normalization (BN) is a milestone technique. GN has 10.6% lower error than "
    "its BN counterpart when using a batch size of 2 on ResNet-50 trained in ImageNet. GN is evaluated on "
    "two datasets, COCO and Kinetics."
)
SSD = (
    "SSD: Single Shot MultiBox Detector. For $300\\times 300$ input, SSD achieves 72.1% mAP on VOC2007 "
    "test at 58 FPS, bringing $\\sim$8% gain. SSD does not need proposal generation."
)
WAFL = (
    "WAFL. Since the radius of the Wasserstein ball can be modified, WAFL shows its applicability not only "
    "in robustness but also in domain adaptation. Most models are quite sensitive to attribute changes. "
    "Schedules typically increase in the presence of distribution shift."
)


def test_numbers_must_be_stated_by_the_source():
    assert support.unstated_numbers("GN has 10.6% lower error at batch size 2 on ResNet-50", GN) is None
    assert "16" in support.unstated_numbers("GN has 16.0% lower error at batch size 2", GN)
    assert support.unstated_numbers("GN is evaluated on four datasets", GN) is not None  # words count
    assert support.unstated_numbers("GN is evaluated on two datasets", GN) is None
    assert support.unstated_numbers("Clean accuracy rises by twenty points", "It gains 10 points.") is not None
    assert support.unstated_numbers("Clean accuracy rises by twenty points", "It gains 20 points.") is None
    assert support.unstated_numbers("It rises by twenty-five points", "It gains 25 points.") is None
    assert support.numbers("twenty-one models, 1,000 runs") == {21.0, 1000.0}
    # LaTeX leftovers and sizes written "300x300" read as the numbers they are
    assert support.unstated_numbers("With a 300x300 input SSD gains roughly 8% at 58 FPS", SSD) is None
    assert support.numbers("VOC2007 and CIFAR-10") == {10.0}  # a digit glued to letters is part of a name
    # a synthesis may count the works it cites
    assert support.unstated_numbers("Two methods differ", GN, cited=2) is None
    # a number the source states, put on what the source counts with another number
    assert "2" in support.misplaced_numbers("GN is evaluated on 10 datasets", GN + " It runs 10 times.")
    assert support.misplaced_numbers("GN is evaluated on two datasets, COCO and Kinetics", GN) is None
    assert support.misplaced_numbers("SSD runs at 58 FPS for a 300x300 input", SSD) is None
    assert support.misplaced_numbers("At 0 dB and 10 dB", "at noise levels of 0 and 10 dB, respectively") is None
    # what is counted is the phrase's head, up to punctuation; shares, factors and the cited count are not
    assert support.misplaced_numbers("trained for 100 training epochs", "100 epochs over 5 training runs") is None
    assert support.misplaced_numbers("8 V100 GPUs", "4 V100 nodes and 8 GPUs") is None
    assert support.misplaced_numbers("In 2019, models were trained", "In 2019 we trained 3 models") is None
    assert support.misplaced_numbers("1.5x faster", "1.5× faster and 2x less memory") is None
    assert support.misplaced_numbers("Two models do it", "We compare 3 models on 2 datasets", cited=2) is None
    assert support.misplaced_numbers("5 models outperform baselines", "We train 5 models. We beat 3 baselines.") is None


def test_a_figure_keeps_the_setting_the_source_gives_it():
    av = "It reaches 44.2 mAP on AudioSet 20K. On Kinetics-400 it gains 1.3 points over the baseline."
    assert "Kinetics-400" in support.unpaired_numbers("It reaches 44.2 mAP on Kinetics-400", av)
    assert support.unpaired_numbers("It reaches 44.2 mAP on AudioSet", av) is None
    # one sentence giving the figure and the setting pairs them, however many figures it holds
    both = "Our model reaches 76.1% top-1 accuracy and outperforms ResNet-50 by 2.3 points on ImageNet."
    assert support.unpaired_numbers("It reaches 76.1% top-1 accuracy on ImageNet.", both) is None
    # the figure nearest the setting is judged; a year and the count of works cited are not
    gpus = "We train with 8 GPUs. Our model reaches 80% top-1 accuracy on ImageNet. It appeared in 2020."
    assert support.unpaired_numbers("Trained with 8 GPUs it reaches 80% on ImageNet in 2020.", gpus) is None
    assert (
        support.unpaired_numbers("The 2 methods are tested on ImageNet", "We use 2 stages. On ImageNet: 80%.", 2)
        is None
    )
    # a setting the source names without figures, or a number within a name, is not judged; stems match
    listed = "We evaluate on CIFAR-10, CIFAR-100 and ImageNet. It boosts clean accuracy by 7.86 points."
    assert support.unpaired_numbers("On CIFAR-10 it boosts clean accuracy by 7.86 points", listed) is None
    bleu = "It improves BLEU by 3.1 over strong baselines. The baseline model uses 6 layers."
    assert support.unpaired_numbers("It improves over the baseline by 3.1 BLEU.", bleu) is None
    assert (
        support.unpaired_numbers("It wins on 1,200,000 images", "Trained on 1,200,000 images, on 10 domains.") is None
    )


def test_figures_given_respectively_keep_their_order():
    """A source giving figures "respectively" pairs them with the things it named in that order; a
    claim putting them on each other's thing is caught, whether it writes "30% on X" or a
    "respectively" of its own, and a claim keeping the pairs is not."""
    source = "We test on 100DOH and MECCANO, improving AP50 by 8% and 30%, respectively, over the state of the art."
    assert support.swapped_figures("It improves AP50 by 30% on 100DOH and 8% on MECCANO", source)
    assert support.swapped_figures("It improves AP50 by 8% on 100DOH and 30% on MECCANO", source) is None
    assert support.swapped_figures("On 100DOH and MECCANO it gains 30% and 8%, respectively", source)
    assert support.swapped_figures("On 100DOH and MECCANO it gains 8% and 30%, respectively", source) is None
    assert support.swapped_figures("It gains 30% on MECCANO", source) is None
    assert support.swapped_figures("It improves AP50 by 8% on MECCANO", source)  # one pair is judged too
    assert support.swapped_figures("Training is 8% cheaper on MECCANO", source) is None  # another measure
    # the source's list names more than the claim does; the claim opens on its name
    three = "On SVHN, STL-10 and ImageNet the method cuts error by 1.5times, 2.2times and 7.1times respectively."
    assert support.swapped_figures("On STL-10, the method cuts error by 7.1 times [1].", three)
    assert support.swapped_figures("On STL-10, the method cuts error by 2.2 times [1].", three) is None
    # names as whole tokens ("CIFAR-10" is not in "CIFAR-100"), a unit after the figures
    cifar = "On CIFAR-100 and CIFAR-10 it reaches 78.2 and 95.1 points, respectively."
    assert support.swapped_figures("It reaches 95.1 points on CIFAR-10 and 78.2 points on CIFAR-100", cifar) is None
    assert support.swapped_figures("It reaches 78.2 points on CIFAR-10 and 95.1 points on CIFAR-100", cifar)
    # a list the claim keeps is support, though another list of the same things gives other figures
    two = (
        "On COCO and LVIS, AP improves by 2% and 5%, respectively. "
        "On COCO and LVIS, speed improves by 5% and 2%, respectively."
    )
    assert support.swapped_figures("Speed improves by 5% on COCO and 2% on LVIS", two) is None
    # figures and things each joined by slashes pair in order too
    slashed = "Point2RBox achieves 41.05%/27.62%/80.01% on DOTA/DIOR/HRSC datasets."
    assert support.swapped_figures("It achieves 27.62% on DOTA, 41.05% on DIOR and 80.01% on HRSC", slashed)
    assert (
        support.swapped_figures("It scores 41.05%, 27.62% and 80.01% on DOTA, DIOR and HRSC respectively", slashed)
        is None
    )
    assert support.swapped_figures("It scores 27.62%, 41.05% and 80.01% on DOTA, DIOR and HRSC respectively", slashed)


def test_a_figure_keeps_what_it_measures_before_by():
    """ "X by 40% and Y by 35%": each figure measures the words before its "by"; a claim giving them
    the other way round is caught, one keeping them (or giving one figure) is not."""
    source = "SOAP reduces the number of iterations by over 40% and wall clock time by over 35% compared to AdamW."
    assert support.swapped_by("SOAP cuts the number of iterations by over 35% and wall-clock time by 40% [1].", source)
    assert support.swapped_by("SOAP cuts iterations by over 40% and the wall-clock time by 35% [1].", source) is None
    assert support.swapped_by("SOAP reduces wall clock time by over 35% [1].", source) is None
    # only the same things measured with the same figures are judged: a sentence on another setting, the
    # words before "by" changed, or pairs given in another order are not swaps
    two = (
        "On CIFAR-10, it improves accuracy by 2% and robustness by 5%. "
        "On ImageNet, it improves accuracy by 5% and robustness by 2%."
    )
    assert support.swapped_by("On ImageNet, the method improves accuracy by 5% and robustness by 2% [1].", two) is None
    passive = "It reduces the error by 30%, while the training time drops by 50%."
    assert support.swapped_by("The training time is reduced by 50%, and the error drops by 30% [1].", passive) is None
    order = "It outperforms ResNet by 3% on CIFAR-10 and by 5% on CIFAR-100."
    assert support.swapped_by("It outperforms ResNet by 5% on CIFAR-100 and by 3% on CIFAR-10 [1].", order) is None


def test_figures_keep_their_clause_and_setting():
    """Within one sentence, each figure goes with the setting of its own clause; a figure the
    source gives only on another named dataset is not support for this one."""
    faster = "On WMT it trains 12 times faster than beam-search and nearly 3 times faster than greedy search."
    assert support.unpaired_numbers(
        "It trains 3 times faster than beam-search [1].", faster
    )  # "search" is not "beam-search"
    faster = "On WMT it trains 12 times faster than beam search and nearly 3 times faster than sampling."
    assert support.unpaired_numbers("It trains 12 times faster than sampling [1].", faster)
    assert support.unpaired_numbers("It trains 3 times faster than beam search [1].", faster)
    assert support.unpaired_numbers("It trains 12 times faster than beam search [1].", faster) is None
    assert support.unpaired_numbers("It trains nearly 3 times faster than sampling [1].", faster) is None
    mnist = "We evaluate on MNIST and SVHN. The detector flags 91% of the attacks on MNIST, a first."
    assert support.unpaired_numbers("The detector flags 91% of attacks on SVHN [1].", mnist)
    assert support.unpaired_numbers("The detector flags 91% of attacks on MNIST [1].", mnist) is None
    # a name the source does not list beside the claim's is not a rival setting; a year is no figure
    gpt = "We evaluate on MMLU. Fine-tuning on GPT-4 outputs yields 65.2%."
    assert support.unpaired_numbers("Fine-tuning yields 65.2% on MMLU [1].", gpt) is None
    coco = "On COCO 2017, the detector is 2.1 AP better than DETR."
    assert support.unpaired_numbers("The detector gains 2.1 AP on COCO [1].", coco) is None
    # a sentence naming its datasets in a clause of their own gives its figure on all of them
    both = "On MNIST and SVHN, the detector flags 91% of the attacks."
    assert support.unpaired_numbers("The detector flags 91% of attacks on SVHN [1].", both) is None


def test_rounded_figures_and_shares_of_stated_counts():
    """A figure rounded as writers round (to fewer decimals, close to the stated one) is the
    source's figure; "half" is stated by two counts, one twice the other."""
    source = "Clean error rises from 4.43% to 12.32%, while ours keeps it at 6.45%."
    assert support.unstated_numbers("Ours keeps clean error at roughly 6.5% [1].", source) is None
    assert support.unstated_numbers("Clean error rises to about 12% [1].", source) is None
    assert support.unstated_numbers("Ours keeps clean error at 6.9% [1].", source)
    assert support.unstated_numbers("Clean error rises from 4% [1].", source)  # 4.43 is too far from 4
    assert support.unstated_numbers("Ours keeps clean error at 7% [1].", source)  # 6.45 rounds to 6
    assert support.unstated_numbers("Ours keeps clean error at 6.50% [1].", source)  # as many decimals: not rounded
    counts = "Of the 30 problems, the baseline solves 15 on its own."
    assert support.unstated_numbers("The baseline alone solves half of the 30 problems [1].", counts) is None
    assert support.unstated_numbers("The baseline alone solves a quarter of the problems [1].", counts)
    assert support.unstated_numbers("Half the parameters are pruned [1].", "Trained on 2 to 4 GPUs.")  # no whole named


def test_fractions_in_words_are_read_against_the_shares_a_source_states():
    """ "nine-tenths" is 90%, not nine things; "more than a quarter" is stated by 26.9%, "a third of" by
    "one third" or "1/3"; a share no stated percentage comes near is not, nor one set against a count or
    two figures that measure something else; "a third approach" is no share."""
    drop = "On ImageNet-A a DenseNet-121 obtains around 2% accuracy, an accuracy drop of approximately 90%."
    assert support.unstated_numbers("A DenseNet-121 loses roughly nine-tenths of its accuracy [1].", drop) is None
    assert support.unstated_numbers("A DenseNet-121 loses roughly two thirds of its accuracy [1].", drop)
    mrr = "The proposed loss functions achieved more than 26.9% enhancement in MRR."
    assert support.unstated_numbers("The new loss raised MRR by more than a quarter [1].", mrr) is None
    assert support.unstated_numbers("The new loss raised MRR by more than a third [1].", mrr)
    third = "It saves one third of the compute (1/3 of the FLOPs)."
    assert support.unstated_numbers("It saves a third of the compute [1].", third) is None
    assert support.unstated_numbers("It saves a third of the compute [1].", "It saves 1/3 of the FLOPs.") is None
    assert support.unstated_numbers("It saves two thirds of the compute [1].", "It saves two thirds of it.") is None
    assert support.unstated_numbers("A third approach uses contrastive pretraining [1].", "A new approach.") is None
    assert support.unstated_numbers("The model is queried by a third party [1].", "A party queries it.") is None
    # figures that say something else
    assert support.unstated_numbers("Error is cut by a third [1].", "Error drops from 30.2% to 10.1%.")
    assert support.unstated_numbers("It cuts training time by nine-tenths [1].", "It is trained for 90 epochs.")
    assert support.unstated_numbers("Memory use is halved [1].", "We apply the block twice with 2x2 pooling.")
    faster = "The method does not require pairwise learning and beats metric learning strategies."
    assert support.unstated_numbers("It beats metric learning while roughly halving training time [1].", faster)
    rate = "It requires O(1/epsilon^4) iterations to find an epsilon-stationary point."
    assert support.unstated_numbers("Its complexity is of order epsilon^-4 [1].", rate) is None


def test_ranks_and_shares_in_words_are_numbers_too():
    ranked = "Our model ranks second on the RobustBench leaderboard and runs at 58 frames per second."
    assert support.unstated_numbers("It became the third most robust model on RobustBench", ranked) is not None
    assert support.unstated_numbers("It became the second most robust model on RobustBench", ranked) is None
    # a unit ("per second") or a compound ("second-order") is no rank
    assert support.unstated_numbers("It runs at 58 frames per second with second-order updates", ranked) is None
    shares = "CRATE-MAE uses only 30% of the parameters of a standard MAE; the gain is 1.5x."
    assert support.unstated_numbers("CRATE-MAE needs about half the parameters of an MAE", shares) is not None
    assert support.unstated_numbers("CRATE-MAE needs about half the parameters", "It uses 50% of them.") is None
    assert support.unstated_numbers("The gain is one and a half times", shares) is None
    same = "Our model uses half the parameters of ResNet and trains with half-precision."
    assert support.unstated_numbers("The model needs half the parameters of ResNet", same) is None
    assert support.unstated_numbers("It trains in half-precision over the first half of training", shares) is None
    # an ordinal is a rank in a claim only when said as one; a position is no number
    assert (
        support.unstated_numbers("In the second stage, the model is fine-tuned", "In a second stage, we tune.") is None
    )


def test_names_must_appear_in_the_source():
    assert support.unknown_names("GN beats Batch Normalization on ImageNet and COCO", GN) is None
    assert "SVHN" in support.unknown_names("GN is evaluated on COCO and SVHN", GN)
    assert "CIFAR-100" in support.unknown_names("SSD is tested on CIFAR-100", SSD + " CIFAR-10 too.")
    assert support.unknown_names("The SSD detector reaches 72.1% mAP on VOC2007", SSD) is None
    assert "Mistral-7B" in support.unknown_names("It also attacks Mistral-7B", SSD)
    # an acronym the source spells out is the source's name; two letters are not trusted
    mri = "accelerated magnetic resonance imaging and multiple-input multiple-output channels"
    assert support.unknown_names("MRI and MIMO channel estimation", mri) is None
    assert support.unknown_names("It is tested on SVHN", mri) is not None
    assert support.unknown_names("It is tested on TL and MR", mri) is not None
    # within one clause, of content words: not initials gathered across "given a network"
    assert support.unknown_names("It trains a GAN", "The loss is given a network. It converges.") is not None
    assert support.unknown_names("Two CNNs", "two convolutional neural networks") is None
    # a name in the singular when the source has only its plural, and the other way round
    assert support.unknown_names("It approximates any ReLU network", "activations including ReLUs") is None
    assert support.unknown_names("It approximates any ReLUs", "activations including the ReLU") is None
    assert support.unknown_names("It approximates any ReLU6", "activations including ReLUs") is not None
    # a word hyphenated after a name says how it is used ("CC3M-derived"); the name itself must still match,
    # and a variant's size is another name
    cc = "a million-scale dataset derived from the existing CC3M dataset"
    assert support.unknown_names("They test on a CC3M-derived set", cc) is None
    assert support.unknown_names("They test on a CC12M-derived set", cc) is not None
    assert support.unknown_names("It fine-tunes T5-small", "we fine-tune T5-base") is not None
    assert support.unknown_names("They evaluate on CIFAR-10-corrupted", "We evaluate on CIFAR-10") is not None


def test_a_reversed_claim_is_caught_and_a_faithful_one_is_not():
    assert support.reversed_polarity("SSD needs proposal generation", SSD) is not None
    assert support.reversed_polarity("SSD does not need any proposal generation", SSD) is None
    assert support.reversed_polarity("Schedules typically decrease under distribution shift", WAFL) is not None
    assert support.reversed_polarity("Most models are largely insensitive to attribute changes", WAFL) is not None
    # "not only ... but also" negates nothing
    assert support.reversed_polarity("WAFL applies to domain adaptation as well as robustness", WAFL) is None
    # a negation only the claim has reverses the source clause only if it governs what that clause says
    assert support.reversed_polarity("SSD does not achieve 72.1% mAP on VOC2007 test", SSD) is not None
    assert support.reversed_polarity("SSD achieves 72.1% mAP on VOC2007 test without any proposal stage", SSD) is None
    # "rather than X" sets X against what another method does: a source contrasting the same way agrees
    prior = "Unlike prior methods that only learn to round weights up or down, NUPES learns the quantized weights."
    contrast = "Rather than only learning to round weights up or down, NUPES learns them"
    assert support.reversed_polarity(contrast, prior) is None
    plain = "NUPES learns to round weights up or down."
    assert support.reversed_polarity("Rather than learning to round weights up or down, NUPES learns them", plain)
    assert support.reversed_polarity("NUPES lacked a way to round weights up or down", plain) is not None
    # ... and with no contrast in the source, a "rather than X" reverses it only if X is what it says
    # the method does, word for word: a road not taken that the source never mentions is no reversal
    voting = "Each pixel inside the box of the active object votes for an improved box of the active object."
    assert (
        support.reversed_polarity("Instead of predicting the active object's box in one shot, pixels vote", voting)
        is None
    )
    assert support.reversed_polarity("Instead of pixels voting for an improved box, one shot predicts it", voting)


def test_a_negating_prefix_agrees_with_not_and_comparisons_keep_their_direction():
    source = (
        "Weight perturbation on data with large loss is not necessary and may hurt. "
        "The rejection loss is monotonically non-increasing in the perturbation size."
    )
    assert support.reversed_polarity("Weight perturbation on data with large loss appears unnecessary", source) is None
    assert support.reversed_polarity("The rejection loss does not increase with the perturbation size", source) is None
    assert support.reversed_polarity("Weight perturbation on data with large loss is necessary", source) is not None
    assert support.reversed_polarity("The rejection loss increases with the perturbation size", source) is not None
    better = "In experiments, EQ-Net outperforms recent quantization methods at every bit-width."
    assert support.reversed_polarity("EQ-Net falls short of recent quantization methods at every bit-width", better)
    assert support.reversed_polarity("EQ-Net falls slightly short of recent quantization methods", better)
    assert (
        support.reversed_polarity("EQ-Net does better than recent quantization methods at every bit-width", better)
        is None
    )
    # keeping one thing while reducing another is no opposite ("reduces memory while preserving accuracy")
    kept = "It cuts memory use by 40% while maintaining accuracy."
    assert support.reversed_polarity("It reduces memory while preserving accuracy", kept) is None
    # "misses" says what "does not" says
    missed = "Sparsity reveals differences between models that accuracy analysis does not."
    assert support.reversed_polarity("Sparsity reveals differences that accuracy analysis misses", missed) is None
    tight = "We prove that the certified radius of DRS is tight for the original input."
    assert support.reversed_polarity("The certified radius of DRS is loose for the original input", tight) is not None


def test_hardly_negates_and_over_and_under_are_opposites():
    """ "hardly boost" says what "does not boost" says ("substantially boost" reverses it), and
    "underestimate" reverses "overestimate"; "negligible changes" agrees with "barely changed"."""
    assert support.reversed_polarity(
        "Existing augmentation substantially boosts performance on these datasets [1].",
        "We find that existing data augmentation techniques hardly boost performance on these datasets.",
    )
    assert support.reversed_polarity(
        "Existing attacks severely underestimate the robustness of segmentation models [1].",
        "We show that existing attacks severely overestimate the robustness of segmentation models.",
    )
    # a faint negation agrees with a word of smallness
    assert (
        support.reversed_polarity(
            "The method adds minimal computational overhead [1].", "The method adds barely any computational overhead."
        )
        is None
    )
    assert (
        support.reversed_polarity(
            "Relative corruption robustness has barely changed from AlexNet to ResNet classifiers [1].",
            "We find that there are negligible changes in relative corruption robustness from AlexNet to ResNet.",
        )
        is None
    )


def test_an_implicit_negative_agrees_with_a_negation_in_so_many_words():
    """'Avoid', 'absent', 'insufficient' hold a negation: a clause with one says what a clause with
    'not' or 'lack' says. They make no reversal by themselves, and a plain reversal is still caught."""
    ibp = "This hints at new training methods that do not induce the strong regularization of tight bounds."
    assert (
        support.reversed_polarity("New training methods may avoid the strong regularization of tight bounds", ibp)
        is None
    )
    assert support.reversed_polarity("New training methods induce the strong regularization of tight bounds", ibp)
    lama = "One of the main reasons is the lack of an effective receptive field in the inpainting network."
    assert (
        support.reversed_polarity("An insufficient effective receptive field in the inpainting network", lama) is None
    )
    assert support.reversed_polarity("An effective receptive field in the inpainting network", lama) is not None
    # the implicit negative must be the other side's alone, and govern what the negation does
    assert support.reversed_polarity("Our method does not avoid forgetting", "Our method avoids forgetting.")
    assert support.reversed_polarity("Removing heads improves quality", "Removing heads does not improve quality.")
    free = "The training-free method improves robustness on ImageNet."
    assert support.reversed_polarity("The training-free method does not improve robustness on ImageNet", free)
    assert support.reversed_polarity(
        "Skip connections do not stabilize training", "Skip connections stabilize training."
    )
    # "loss" in machine learning is the objective far more often than the opposite of a gain
    tradeoff = "We use a loss minimization scheme to tune the performance and robustness of feedback policies."
    assert support.reversed_polarity("Gains in the performance of feedback policies cost robustness", tradeoff) is None


def test_a_dash_ends_the_clause_a_negation_governs():
    source = (
        "The attack finds inputs that do not trigger refusal - then it reroutes embeddings to acceptance subspaces."
    )
    assert support.reversed_polarity("The attack reroutes embeddings to acceptance subspaces", source) is None
    assert support.reversed_polarity("The attack finds inputs that trigger refusal", source) is not None
    # two dashes set off an aside: it is a clause of its own, and so is the sentence around it
    aside = "We find acceptance subspaces - sets that do not trigger refusal - then reroute embeddings to them."
    assert support.reversed_polarity("The attack reroutes embeddings to acceptance subspaces", aside) is None
    plain = "The model trained with labels does not overfit."
    assert support.reversed_polarity("The model - trained with labels - does not overfit", plain) is None
    assert support.reversed_polarity("The model - trained with labels - overfits", plain) is not None


def test_only_an_adjective_or_participle_is_negated_by_its_prefix():
    assert (
        support.reversed_polarity(
            "The estimator reduces gradient variance", "A variance-reduced, shift-invariant estimator."
        )
        is None
    )
    assert (
        support.reversed_polarity(
            "The method achieves parity across groups", "The method reduces disparity across groups."
        )
        is None
    )
    assert (
        support.reversed_polarity("The loss is unbiased for every group", "The loss is biased for every group.")
        is not None
    )
    # "mis-" agrees with a negation in so many words: "may not match" with "be mismatched" (claim 2277 of
    # sample BS); by itself it negates nothing ("mislabeled" samples among "labeled" data, a review's case)
    source = "A prior over problems which can be challenging to define and be mismatched to the test instance."
    assert support.reversed_polarity("The prior may not match the test instance [1].", source) is None
    assert support.reversed_polarity("The prior is not challenging to define [1].", source) is not None
    assert (
        support.reversed_polarity(
            "The method detects mislabeled samples among the labeled data [1].",
            "We detect samples with wrong labels in labeled datasets.",
        )
        is None
    )


def test_the_norm_symbol_is_the_letter_l_and_abbreviations_end_no_sentence():
    drs = "DRS gives a tight {ell_2} certified radius, and \\ell_infty bounds; the \u2113_1 case is open."
    assert support.unknown_names("DRS certifies an l2 radius and an l1 one", drs) is None
    assert support.unknown_names("DRS certifies an L3 radius", drs) is not None
    # the digit of a norm written with its symbol is part of that name, not a figure
    assert (
        support.unstated_numbers(
            "Training against \u2113\u221e/\u21131/\u21132 attacks reaches 50%", "l_1 attacks reach 50%"
        )
        is None
    )
    assert support.unstated_numbers("Training reaches 52%", "l_1 attacks reach 50%") is not None
    # "Dr. DPO" is one name: split there, the first sentence ended in "Dr." and was judged against [1]
    checked = verify(
        "GN has lower error at small batches [1], while Dr. SSD runs at 58 FPS [2].",
        {1: GN, 2: SSD.replace("SSD", "Dr. SSD")},
    )
    assert checked.kept_sentences == 1 and checked.used == [1, 2], checked


def test_each_citation_is_judged_on_the_part_of_the_sentence_it_cites():
    parts = cited_parts("GN has lower error at small batches [1], while SSD runs at 58 FPS [2].")
    assert parts == {1: "GN has lower error at small batches", 2: "while SSD runs at 58 FPS"}
    assert cited_parts("Both are detectors [1][2].") == {1: "Both are detectors", 2: "Both are detectors"}
    checked = verify(
        "GN has 10.6% lower error than BN at batch size 2 [1], while SSD achieves 72.1% mAP at 58 FPS [2].",
        {1: GN, 2: SSD},
    )
    assert checked.kept_sentences == 1 and checked.used == [1, 2] and not checked.dropped
    wrong = verify("GN has 16.0% lower error than BN at batch size 2 [1].", {1: GN, 2: SSD})
    assert wrong.kept_sentences == 0 and "16" in wrong.dropped[0].detail


def test_sentences_that_are_no_claim_are_never_kept():
    sources = {1: GN, 2: SSD}
    assert verify("1 [1]\n2 [1]", sources).kept_sentences == 0  # a survey answered with bare numbers
    assert verify("[1] [2]", sources).kept_sentences == 0
    question = "Which paper reports lower error than batch normalization at small batch sizes?"
    restated = verify(
        "The paper reports lower error than batch normalization at small batch sizes [1].", sources, question=question
    )
    assert restated.kept_sentences == 0 and "restates the question" in restated.reasons.values()
    named = verify(
        "Group Normalization reports lower error than batch normalization at small batch sizes [1].",
        sources,
        question=question,
    )
    assert named.kept_sentences == 1


def test_each_check_can_be_switched_off():
    off = SupportSettings(check_numbers=False, check_names=False, check_polarity=False)
    claim = "GN has 16.0% lower error than BN at batch size 2 on SVHN [1]."
    assert verify(claim, {1: GN}, cfg=off).kept_sentences == 1
    assert verify(claim, {1: GN}).kept_sentences == 0


def test_a_trade_off_the_source_does_not_make_is_a_reversal():
    """A claim that something was given up where the source says it was kept (or kept where the
    source says it was given up) says the opposite; a cost or a gain on another thing does not."""
    kept = "Pruning with our criterion doubles throughput while preserving the clean accuracy of the dense model."
    paid = "Pruning doubles throughput at the expense of clean accuracy."
    assert support.reversed_polarity("It doubles throughput at the cost of some clean accuracy [1].", kept)
    assert support.reversed_polarity("It doubles throughput, sacrificing clean accuracy [1].", kept)
    assert support.reversed_polarity("It doubles throughput without sacrificing clean accuracy [1].", paid)
    assert support.reversed_polarity("It doubles throughput while keeping clean accuracy [1].", kept) is None
    assert support.reversed_polarity("It doubles throughput at the cost of clean accuracy [1].", paid) is None
    assert support.reversed_polarity("It doubles throughput at the cost of memory [1].", kept) is None
    # the sentence the claim rests on is the one judged; the same thing means all its words; a cost denied is none
    both = "Prior pruning loses clean accuracy. Pruning with our criterion is fast while preserving clean accuracy."
    assert support.reversed_polarity("Prior pruning loses clean accuracy [1].", both) is None
    short = "It is fast while preserving accuracy on short inputs."
    assert support.reversed_polarity("It is fast at the cost of some accuracy on long inputs [1].", short) is None
    assert support.reversed_polarity("It doubles throughput with no sacrifice in clean accuracy [1].", kept) is None


def test_a_wide_gap_where_the_source_finds_parity_is_a_reversal():
    """ "Much worse than" or "lags far behind" against a source finding the two alike says the
    opposite; a gap the source states too does not."""
    alike = "The distilled model is as accurate as its teacher on GLUE while running four times faster."
    assert support.reversed_polarity("The distilled model is much less accurate than its teacher on GLUE [1].", alike)
    assert support.reversed_polarity("On GLUE the distilled model lags far behind its teacher in accuracy [1].", alike)
    same = "The distilled model is about as accurate as its teacher on GLUE [1]."
    assert support.reversed_polarity(same, alike) is None
    # a comparative the sentence itself states is no reversal of its parity on another measure
    assert support.reversed_polarity("The distilled model is much faster than its teacher [1].", alike) is None
    apart = "The distilled model is much less accurate than its teacher, though comparable to BERT-small."
    assert support.reversed_polarity("It is much less accurate than its teacher [1].", apart) is None


def test_a_name_is_found_however_a_question_and_an_abstract_spell_it_but_not_another_name():
    from rag.answering.support.names import written

    for name, text in (
        ("ImageNet-C", "gains of 6% on ImageNet C and 4% on ImageNet V2"),  # a space for the hyphen
        ("CIFAR10", "on CIFAR-10, it reaches"),
        ("DenseNet121", "a DenseNet-121 reaches"),
        ("MoE-CNNs", "to robustify an MoE-CNN."),  # the singular
        ("300x300", "For 300times 300 input"),  # LaTeX's times
        ("HRSC2016", "41.05%/80.01% on DOTA/HRSC datasets"),  # the edition's year left off
        ("MLE", "using Maximum Likelihood Estimation for pretraining"),  # an acronym by its words' initials
        ("COCO", "on MS-COCO it reaches"),
        ("LLaMA-2", "fine-tuned Llama 2 models"),
    ):
        assert written(name, text), (name, text)
    for name, text in (
        ("CIFAR-10", "on CIFAR-100 it reaches"),
        ("ResNet-50", "a ResNet-500 backbone"),
        ("VOC2007", "on VOC 2012 it reaches"),  # another edition
        ("MovieLens", "on Yelp and Amazon reviews"),
        ("R2anker", "a robust ranker"),
        ("ImageNet-A", "accuracy on ImageNet and a new benchmark"),  # its parts apart are not it
    ):
        assert not written(name, text), (name, text)


def test_judgements_reversed_across_words_and_in_the_clause_that_speaks_of_them():
    """ "beats" reverses "performs worse than" as "better" does; a comparative reversed in one of the
    clauses the claim shares most words with counts even when a shorter clause ties with it, but not
    when the claim states the converse (what it compares against is what the source judges)."""
    source = (
        "We investigate BERT pretraining of vision transformers. A surprising observation is that MAE has "
        "significantly worse adversarial robustness than other BERT pretraining methods. Our method clearly "
        "boosts MAE's adversarial robustness."
    )
    assert support.reversed_polarity("MAE has notably stronger adversarial robustness than BEiT [1].", source)
    assert support.reversed_polarity("MAE has worse adversarial robustness than the others [1].", source) is None
    for claim, turned in (  # the converse: the two things change sides of the judging word
        ("The method outperforms the baselines [1].", "Baselines perform worse than our method."),
        ("ViT surpasses CNNs at scale [1].", "At scale, CNNs are inferior to ViT."),
        ("Our model is superior to BERT on GLUE [1].", "BERT performs worse than our model on GLUE."),
    ):
        assert support.reversed_polarity(claim, turned) is None, claim
    assert support.reversed_polarity(
        "The method performs worse than the baselines [1].", "The method beats the baselines."
    )
    assert support.reversed_polarity(
        "The strongest defenses now clearly beat random guessing against the worst-case attack [1].",
        "Against the worst-case attack all existing models perform worse than random guessing.",
    )
    converse = (
        "Standard models, compared to robust, are more susceptible to attacks, and their learned "
        "representations are less meaningful to humans."
    )
    assert (
        support.reversed_polarity(
            "Robust models learn representations that are more meaningful to humans than those of standard models [1].",
            converse,
        )
        is None
    )


def test_contrasts_set_aside_and_implicit_negatives_left_to_agree():
    """An implicit negative never reverses by itself ("mitigates" for "prevents" is a paraphrase);
    "rather than one trained to be robust" negates the training; a claim's "Unlike X that seek Y,"
    says what others do; "rather than X" agrees with a source that sets X on previous work in the
    clause it continues, not with one that merely says "only"."""
    assert (
        support.reversed_polarity("The method mitigates mode collapse [1].", "Our objective prevents mode collapse.")
        is None
    )
    assert (
        support.reversed_polarity(
            "It reduces overfitting on small datasets [1].", "It avoids overfitting on small datasets."
        )
        is None
    )
    assert support.reversed_polarity(
        "It fine-tunes the last layer rather than all layers of the network [1].",
        "With only a small budget, we fine-tune all layers of the network.",
    )
    crux = (
        "The toolkit uses one classifier. The crux of our approach is that we train this classifier "
        "to be adversarially robust."
    )
    assert support.reversed_polarity(
        "It uses one classifier as-is, rather than one trained to be adversarially robust [1].", crux
    )
    assert (
        support.reversed_polarity(
            "R2anker draws negatives from several retrievers rather than one, exposing the ranker to label noise [1].",
            "We use multiple retrievers as negative generators, exposing the ranker to label noise.",
        )
        is None
    )
    mnist = "In contrast to adversarial robustness, our corruptions do not seek worst-case performance but are diverse."
    assert (
        support.reversed_polarity(
            "Unlike evaluations that seek worst-case performance, the corruptions are diverse [1].", mnist
        )
        is None
    )
    origin = (
        "Although previous studies have typically focused on the fact that neural networks operate on high "
        "dimensional data, we argue the origin is uncertainty."
    )
    assert (
        support.reversed_polarity(
            "The origin is uncertainty rather than networks operating on high dimensional data [1].", origin
        )
        is None
    )


def test_a_two_letter_acronym_is_not_known_by_words_that_merely_share_its_letters():
    """Two letters begin some run of an abstract's words by chance ("realistic latency" for RL) in about
    a fifth of abstracts: a two-letter acronym is known only as written."""
    source = "We measure realistic latency of the planner and the greedy planner on two tasks."
    assert support.unknown_names("The planner is evaluated in RL settings [1].", source) is not None
    assert support.unknown_names("The GP baseline is slower [1].", source) is not None


def test_a_two_letter_acronym_spelled_out_after_the_word_the_claim_puts_before_it():
    """ "model-based RL" for "Model-based reinforcement learning (MBRL)": the claim's word before the
    acronym anchors its letters, and the source's own acronym ends in them (claim 2291 of sample BS);
    without either (a review's "contrastive RL" against "contrastive representation learning", or "pure-DP"
    against "pure differential privacy", which writes no acronym) the letters stay unknown."""
    mbrl = "Model-based reinforcement learning (MBRL) is a sample efficient technique."
    assert support.unknown_names("Models in model-based RL are fitted to dynamics [1].", mbrl) is None
    assert support.unknown_names("Models in the RL setting are fitted [1].", mbrl) is not None
    assert "PPO" in support.unknown_names("Model-based RL beats PPO [1].", mbrl)
    assert "CURL" in support.unknown_names("It compares CURL with model-based RL [1].", mbrl)
    assert "RL-2" in support.unknown_names("It beats model-based RL-2 methods [1].", mbrl)
    crl = "We study contrastive representation learning for control."
    assert support.unknown_names("It improves contrastive RL agents [1].", crl) is not None
    dp = "Our transformation converts any robust algorithm into one that satisfies pure differential privacy."
    assert support.unknown_names("The first robust-to-pure-DP transformation [1].", dp) is not None


def test_a_count_of_dozens_is_one_figure():
    """ "two dozen public models" states 24 (claim 2242 of sample BS), not a two and a twelve."""
    source = "The defenses are evaluated under 24 public models and 11 attack algorithms."
    assert support.unstated_numbers("It is tested against two dozen public models [1].", source) is None
    assert support.unstated_numbers("It is tested against three dozen public models [1].", source) is not None
    assert support.unstated_numbers("It is tested against a dozen public models [1].", source) is not None
    assert support.unstated_numbers("It uses half a dozen models [1].", "It uses 6 models.") is None


def test_shares_swapped_between_what_they_are_of_and_a_count_per_unit():
    """ "91.1% zero-shot and 88.3% fine-tuning" swaps the source's shares; "15 minutes per problem"
    counts minutes, which the source counts with 5 (its 15 counts problems)."""
    lion = "On vision-language learning, we achieve 88.3% zero-shot and 91.1% fine-tuning accuracy on ImageNet."
    assert support.swapped_shares("Lion reaches 91.1% zero-shot and 88.3% fine-tuning accuracy [1].", lion)
    assert support.swapped_shares("Lion reaches 88.3% zero-shot and 91.1% fine-tuning accuracy [1].", lion) is None
    # a word dropped from between a share and its thing is no swap
    top1 = "It achieves 76.5% top-1 accuracy, while the baseline reaches 72.1% accuracy."
    assert support.swapped_shares("The model achieves 76.5% accuracy on ImageNet [1].", top1) is None
    wu = "Wu's method alone can solve 15 problems. It solves 21 of 30 with a time limit of 5 minutes per problem."
    assert support.misplaced_numbers("It solves 21 of 30 problems given 15 minutes per problem [1].", wu)
    assert support.misplaced_numbers("It solves 21 of 30 problems given 5 minutes per problem [1].", wu) is None


def test_a_clause_about_other_works_does_not_excuse_a_reversal_of_the_works_own():
    """Of source clauses that fit a claim's clause equally, one set on other works ("Existing
    solutions necessitate extra datasets") does not agree for the work, which does without them."""
    source = (
        "Existing solutions necessitate extra 3D datasets or geometry-complete depth annotations. We propose a "
        "framework that trains models to predict geometry-preserving depth without requiring extra data or annotations."
    )
    claim = (
        "The framework predicts geometry-preserving depth by relying on extra 3D datasets or geometry-complete "
        "depth annotations [1]."
    )
    assert support.reversed_polarity(claim, source)
    faithful = "The framework predicts geometry-preserving depth without extra data or annotations [1]."
    assert support.reversed_polarity(faithful, source) is None
    # the clause after "Unlike existing detectors," is the work's own
    anchors = "Unlike existing detectors, our detector does not rely on anchor boxes."
    assert support.reversed_polarity("The detector relies on anchor boxes [1].", anchors)


def test_a_claim_naming_what_a_source_lists_in_brackets_rests_on_that_clause():
    """Cut off at its brackets, a list of names is too short a clause to keep, and a claim naming
    them rested on another clause of the source, which happened to say "instead of"."""
    source = (
        "Verification needs only a small subnetwork instead of a full model for both training and testing. "
        "Through extensive experiments, we demonstrate the effectiveness of lottery verification in diverse "
        "models (ResNet-20, ResNet-18, ResNet-50) on CIFAR-10 and CIFAR-100."
    )
    said = "Lottery verification was demonstrated on ResNet-20, ResNet-18 and ResNet-50 models trained on CIFAR-10."
    assert support.reversed_polarity(said, source) is None
    denied = "Lottery verification was not demonstrated on ResNet-20, ResNet-18 and ResNet-50 models."
    assert support.reversed_polarity(denied, source) is not None
    # a bracket of words that are not names is an aside, cut off as before
    pieces = support.polarity.clauses(
        "Approaches necessitate some knowledge (architecture, parameters, etc.) of the network."
    )
    assert pieces and not any("architecture" in p for p in pieces), pieces


def test_a_total_of_counts_the_claim_lists_beside_it_is_the_sources():
    source = "It is tested on 14 OpenML tabular datasets and 46 image datasets, five of them high-resolution."
    total = "It is evaluated on 60 datasets in total, 14 tabular ones from OpenML and 46 image datasets."
    assert support.unstated_numbers(total, source) is None and support.misplaced_numbers(total, source) is None
    # a total the parts beside it do not make, or one with no parts beside it, is still caught
    assert support.unstated_numbers("It is evaluated on 61 datasets, 14 tabular and 46 image datasets.", source)
    assert support.unstated_numbers("It is evaluated on 60 datasets.", source) is not None
    # nor are shares summed: 14% and 46% make no 60%
    assert support.unstated_numbers("Errors fall by 60%, by 14% on tabular and 46% on image data.", source)


def test_an_idiom_judges_nothing():
    source = (
        "The network can memorize the corrupted labels and achieve 100% generalization at the same time. "
        "Weight decay and dropout force all neurons to generalize, while BatchNorm de-amplifies memorizing neurons."
    )
    assert support.reversed_polarity("Regularizers act through different mechanisms.", source) is None
    # "the same" said of things still judges them, and so does the idiom's own words against other times
    same = "Weight decay and BatchNorm act through the same mechanism."
    assert support.reversed_polarity("Weight decay and BatchNorm act through different mechanisms.", same) is not None
    together = "The two heads are trained at the same time."
    assert support.reversed_polarity("The two heads are trained at different times.", together) is not None


def test_broadening_and_shrinking_are_opposites():
    assert support.reversed_polarity("Measurement error shrinks the regime.", "Measurement error broadens the regime.")
    assert (
        support.reversed_polarity("Measurement error widens the regime.", "Measurement error broadens the regime.")
        is None
    )


def test_a_sum_of_counts_of_other_things_is_no_total():
    source = "We evaluate 2 architectures on 3 datasets with 5 random seeds, training each model for 4 hours."
    for claim in (  # each a sum of two or three of the other counts
        "We evaluate 2 architectures on 7 datasets with 5 random seeds, training each model for 4 hours.",
        "We evaluate 2 architectures on 3 datasets with 9 random seeds, training each model for 4 hours.",
        "We evaluate 2 architectures on 3 datasets with 5 random seeds, training each model for 8 hours.",
    ):
        assert support.unstated_numbers(claim, source) is not None, claim


def test_a_negation_the_source_says_beside_the_clause_the_claim_fits_is_kept():
    # the short clause between commas shares more words with the claim than the negated one does
    source = (
        "This metric counts the points for which, given a threat model, successful adversarial perturbations "
        "cannot be found. It leaves out how many perturbations can be found."
    )
    moved = "It counts the points for which no successful perturbation can be found under a given threat model."
    assert support.reversed_polarity(moved, source) is None
    # a negation the source does not say stays a reversal
    plain = "This metric counts the points for which, given a threat model, successful perturbations are found."
    assert support.reversed_polarity(moved, plain) is not None


def test_a_count_of_the_things_the_claim_lists_after_it():
    source = "The law holds for several datasets (MNIST, CIFAR10, ImageNet, and random data) and attacks."
    assert (
        support.unstated_numbers("It holds on four kinds of data: MNIST, CIFAR10, ImageNet and random data.", source)
        is None
    )
    assert support.unstated_numbers("It holds on three datasets (MNIST, CIFAR10 and ImageNet).", source) is None
    # the count must be the list's, and each thing listed the source's
    assert support.unstated_numbers("It holds on five kinds of data: MNIST, CIFAR10, ImageNet and random data.", source)
    assert support.unstated_numbers("It holds on four datasets (MNIST, CIFAR10, SVHN and random data).", source)


def test_a_count_of_a_list_the_source_runs_into_its_sentence():
    source = "We complement our analysis with experiments on CIFAR10, CIFAR100, SVHN, and Tiny ImageNet."
    assert (
        support.unstated_numbers("It is tested on four datasets: CIFAR10, CIFAR100, SVHN and Tiny ImageNet.", source)
        is None
    )
    two = "Models are trained on CIFAR10 and CIFAR100 only."
    assert support.unstated_numbers("They train on two datasets (CIFAR10 and CIFAR100).", two) is None
    # a miscount, or a thing the source does not list, is still unstated
    assert support.unstated_numbers("It is tested on five datasets: CIFAR10, CIFAR100, SVHN and Tiny ImageNet.", source)
    assert support.unstated_numbers("It is tested on four datasets: CIFAR10, MNIST, SVHN and Tiny ImageNet.", source)
    # what is counted may take a few words more (sample BG: "four parts of the offline data: ...")
    corrupted = "We study data corruption, including states, actions, rewards, and dynamics."
    parts = "The benchmark perturbs four parts of the offline data: states, actions, rewards and dynamics [1]."
    assert support.unstated_numbers(parts, corrupted) is None
    assert support.unstated_numbers(parts.replace("four", "five"), corrupted) is not None


def test_a_count_compounded_with_what_it_counts():
    source = "A decoupler with a two-layer clustering process; three speakers are held out."
    assert support.misplaced_numbers("It clusters in a three-layer process of clustering.", source) is not None
    assert support.misplaced_numbers("It uses a 3-layer clustering process.", source) is not None
    assert support.misplaced_numbers("It uses a two-layer clustering process.", source) is None
    assert support.misplaced_numbers("It uses a clustering process of two layers.", source) is None
    # a tens compound is one number ("twenty-five"), not a count of "five"
    assert support.misplaced_numbers("Twenty-five layers are used.", "It stacks twenty-five layers.") is None


def test_likening_to_what_the_source_sets_apart():
    source = (
        "In contrast to the popular notion of adversarial robustness, our model-agnostic corruptions do not "
        "seek worst-case performance but are instead designed to be broad and diverse."
    )
    reversed_ = "Like adversarial robustness evaluations, the corruptions aim at worst-case performance [1]."
    assert support.reversed_polarity(reversed_, source) is not None
    # likened to something else, or set apart as the source does, it is no reversal
    other = "Like ImageNet-C, the corruptions are designed to be broad and diverse [1]."
    assert support.reversed_polarity(other, source) is None
    unlike = "Unlike adversarial robustness evaluations, the corruptions are broad and diverse [1]."
    assert support.reversed_polarity(unlike, source) is None
    # "like" inside a sentence names examples ("defenses like adversarial training"), it likens nothing
    examples = "Corruptions, like adversarial robustness evaluations, are designed to be broad and diverse [1]."
    assert support.reversed_polarity(examples, source) is None


def test_a_cost_the_source_says_its_method_keeps():
    source = (
        "Adversarial training often comes at the cost of decreased generalization ability. We propose RiFT, "
        "an approach to enhance generalization without compromising adversarial robustness. Experiments show "
        "it improves generalization while maintaining adversarial robustness."
    )
    paid = "RiFT improves generalization, though only by giving up some of its adversarial robustness [1]."
    assert support.reversed_polarity(paid, source) is not None
    # a cost the source says is paid too (by adversarial training, in other words) is no reversal
    degrades = (
        "Adversarial training improves robustness but significantly degrades clean accuracy. We propose HAT, "
        "which improves robustness while maintaining clean accuracy."
    )
    paid_by_at = "Adversarial training improves robustness at the cost of clean accuracy [1]."
    assert support.reversed_polarity(paid_by_at, degrades) is None
    assert support.reversed_polarity("Prior defenses give up clean accuracy for robustness [1].", degrades) is None
    assert (
        support.reversed_polarity("Adversarial training improves robustness at the cost of generalization [1].", source)
        is None
    )
    assert support.reversed_polarity("RiFT improves generalization without giving up robustness [1].", source) is None


def test_sparing_is_an_implicit_negation():
    # the adjective "spare" negates nothing
    assert support.reversed_polarity(
        "It uses spare GPU memory to cache activations [1].", "It does not use GPU memory to cache activations."
    )
    source = "It solves SB in moderate dimensions in minutes on CPU without a painful hyperparameter selection."
    assert (
        support.reversed_polarity(
            "It solves SB within minutes on a CPU, sparing users a painful hyperparameter search [1].", source
        )
        is None
    )
    assert (
        support.reversed_polarity(
            "It solves SB within minutes on a CPU after a painful hyperparameter selection [1].", source
        )
        is not None
    )


def test_the_degree_of_a_polynomial_is_a_number():
    source = "Even an approximation heuristic requires cubic time."
    assert support.unstated_numbers("An approximate heuristic still needs quartic time.", source) is not None
    assert support.unstated_numbers("An approximate heuristic still needs cubic time.", source) is None
    assert support.unstated_numbers("An approximate heuristic runs in O(n^3) time.", source) is None


def test_a_bound_in_terms_the_source_does_not_write():
    source = (
        "An excess risk of mathcal{O}(mathcal{C_Phi/m} + mathcal{C_Psi/n}) against the baseline's "
        "mathcal{O}(mathcal{C_{Phi circ Psi}/n}); with entries as large as Omega(sqrt[3]{log n}) no "
        "algorithm is faster, and LCNs need Omega(k^2d) samples."
    )
    for faithful in (  # the same bounds typeset otherwise, or said in words
        "The excess risk is O(C_Phi/m + C_Psi/n), against O(C_{Phi o Psi}/n) [1].",
        "Entries as large as Ω(cube root of log n) rule out faster algorithms [1].",
        "LCNs need Ω(k^2 d) samples, and at least Ω(kd) [1].",
    ):
        assert support.unstated_bounds(faithful, source) is None, faithful
    assert support.unstated_bounds("The algorithm runs in O(nnz(A) k) time [1].", source) is not None
    assert support.unstated_bounds("It converges at a rate of O(1/T) [1].", source) is not None
    assert support.unstated_bounds("It converges fast [1].", source) is None


def test_most_and_few_are_opposite_quantities_unless_compounded():
    source = "BiP finds better winning tickets than IMP in most cases."
    assert support.reversed_polarity("BiP finds better tickets than IMP in only a few cases [1].", source)
    assert support.reversed_polarity("BiP finds better tickets than IMP in many cases [1].", source) is None
    # "few-shot" counts nothing
    setting = "The method works well in most settings."
    assert support.reversed_polarity("The method works well in the few-shot setting [1].", setting) is None


def test_what_the_new_checks_must_not_reject_or_excuse():
    # a negation the source sets against what it says is no excuse for the claim's
    unlike = "Unlike standard training, which does not yield robust models, adversarial training yields robust models."
    assert support.reversed_polarity("Adversarial training does not yield robust models [1].", unlike)
    # "few" that says most, and "a few" that says some
    assert support.reversed_polarity("It helps in most cases [1].", "It helps in all but a few cases.") is None
    frozen = "It fine-tunes a few parameters, while freezing most of the network."
    assert support.reversed_polarity("Many parameters are frozen [1].", frozen) is None
    # a bound the source writes out or typesets otherwise; a degree where the source states none
    assert support.unstated_bounds("It runs in O(n log n) time [1].", "It runs in n log n time.") is None
    assert support.unstated_bounds("It needs O(d log(1/e)) samples [1].", "It needs O(dlog(1/e)) samples.") is None
    assert (
        support.unstated_numbers("Its cost is quadratic in the length [1].", "Its cost grows with the square.") is None
    )
    # a list that runs on into a clause, a measure, and a count the source makes otherwise excuse no count
    source = "It holds on (MNIST, CIFAR10, ImageNet) and beats the baselines with 12 layers: encoder, decoder, head."
    assert support.unstated_numbers(
        "It holds on four datasets: MNIST, CIFAR10 and ImageNet, and beats the baselines.", source
    )
    assert support.unstated_numbers("It gains 3 points (MNIST, CIFAR10 and ImageNet).", source)
    assert support.unstated_numbers("It has 3 layers: encoder, decoder and head.", source)


def test_a_synthesis_lead_in_frames_its_parts():
    sources = {
        1: "Group Normalization. BN's error increases rapidly when the batch size becomes smaller, caused by "
        "inaccurate batch statistics estimation.",
        2: "We conducted several experiments to conclude that BN layers are not necessary for representation "
        "learning in BYOL.",
    }
    framed = (
        "Batch statistics are a recurring weak point: Group Normalization was motivated by BN's error rising quickly "
        "as batches get smaller [1], and experiments with BYOL concluded that BN layers are not needed for its "
        "representation learning [2]."
    )
    checked = verify(framed, sources)
    assert checked.kept_sentences == 1 and checked.used == [1, 2]
    # a lead-in with a number or a name no cited source states is not the writer's framing to keep
    for outside in ("Two ICML 2024 papers differ here: ", "Both papers follow ResNet-50 baselines: "):
        claim = outside + framed.split(": ", 1)[1]
        assert verify(claim, sources).kept_sentences == 0, claim


def test_a_need_the_source_says_its_work_does_without():
    source = (
        "Current methods require access to adversarial examples during pruning. We prune a previously trained "
        "robust network while maintaining adversarial robustness, without further generating adversarial examples. "
        "Our analysis holds while eliminating the need for traditional strong convexity assumptions."
    )
    for reversed_ in (
        "It prunes a robust network, but it requires generating fresh adversarial examples throughout pruning [1].",
        "The analysis still requires the usual strong convexity assumption [1].",
        "The analysis holds only under the traditional strong convexity assumption [1].",
    ):
        assert support.reversed_polarity(reversed_, source) is not None, reversed_
    for faithful in (
        "Current pruning methods require access to adversarial examples [1].",  # other works need it
        "It prunes robust networks by relying on self-distillation instead of new adversarial examples [1].",
        "The analysis does not require strong convexity assumptions [1].",
        # the review's: the noun "need", a need denied after its verb or before it, a weaker need
        "The analysis eliminates the need for traditional strong convexity assumptions [1].",
        "Rather than requiring strong convexity assumptions, the analysis holds more generally [1].",
        "The analysis requires assumptions weaker than strong convexity [1].",
    ):
        assert support.reversed_polarity(faithful, source) is None, faithful
    assert support.reversed_polarity("It requires retraining [1].", "There is no need for retraining.") is not None


def test_likening_what_the_source_likens_too_and_counting_a_list_one_for_one():
    source = (
        "Like DDPM, our model is trained with a denoising objective; unlike DDPM, it generates samples in few steps."
    )
    assert support.reversed_polarity("Like DDPM, the model is trained with a denoising objective [1].", source) is None
    # a list run into a sentence is counted item for item, each a different one of the source's
    run_on = "We train ResNet-18 on CIFAR10 and evaluate robustness against PGD and AutoAttack on SVHN."
    assert support.unstated_numbers("It was trained on two datasets: ResNet and CIFAR10.", run_on)
    # a causal link turned round, the source's abbreviation used in the claim
    defined = (
        "We identify adversarial feature overfitting (AFO). Adversarial training can overshoot the optimal point "
        "in terms of robust generalization, leading to AFO in our simple Gaussian model."
    )
    assert support.reversed_polarity("AFO causes adversarial training to overshoot the optimal point [1].", defined)
    # a synthesis's lead-in saying the opposite of its sources
    sources = {
        1: "Group Normalization. BN's error increases rapidly when the batch size becomes smaller.",
        2: "We conducted several experiments to conclude that BN layers are not necessary in BYOL.",
    }
    led = (
        "Both papers find BN layers necessary: Group Normalization was motivated by BN's error rising as batches "
        "get smaller [1], and experiments with BYOL concluded that BN layers are not needed [2]."
    )
    assert verify(led, sources).kept_sentences == 0


def test_a_word_the_source_says_outside_a_negation_is_not_what_it_negates():
    # "self-supervised" is said by the source outside "without supervision": the claim keeping it drops nothing
    source = "We leverage the property of self-supervised models to discover objects without supervision."
    claim = "CutLER amplifies self-supervised models' ability to discover objects [1]."
    assert support.reversed_polarity(claim, source) is None
    # the word the negation governs, written as it governs it, is still dropped
    assert support.reversed_polarity("The models discover objects with supervision [1].", source) is not None
    # a milder assumption is the opposite of a stronger one
    milder = "Compared to previous works, our analysis relies on significantly milder assumptions."
    stronger = "Compared with previous work, the analysis needs considerably stronger assumptions [1]."
    assert support.reversed_polarity(stronger, milder) is not None
    # "strong" and "mild" said of different things are no opposites
    mild = "The method attains good results under mild assumptions."
    assert support.reversed_polarity("The method attains strong results under weak assumptions [1].", mild) is None


def test_a_list_with_hyphenated_items_is_counted_and_an_order_of_magnitude_is_a_figure():
    source = (
        "We support our findings with results for the classic problems of least squares, logistic regression, "
        "multi-class logistic regression, label propagation, and L1-regularization."
    )
    counted = (
        "The findings are backed by five classic problems: least squares, logistic regression, multi-class "
        "logistic regression, label propagation and L1-regularization [1]."
    )
    assert support.unstated_numbers(counted, source) is None
    budget = "The total query budget is very small, such as a few dozen."
    assert support.unstated_numbers("The query budget is a few hundred queries [1].", budget)
    assert support.unstated_numbers("The query budget is a few dozen queries [1].", budget) is None
    assert support.unstated_numbers("It scales to millions of points [1].", "It is robust to OOD data.")
    # a figure with its magnitude, or the magnitude the source writes or states a number of, is not
    assert support.unstated_numbers("It used 100 million samples [1].", "trained with 100 million samples") is None
    assert support.unstated_numbers("It used hundreds of utterances [1].", "evaluated on 300 utterances") is None
    assert support.unstated_numbers("on million-scale evaluations [1].", "and million-scale evaluations") is None
    # written with a unit letter, combined, as a factor, or in a name, it is no unstated figure
    assert support.unstated_numbers("It scales to millions of points [1].", "It scales to 1.2M points.") is None
    assert support.unstated_numbers("It has hundreds of thousands of images [1].", "It has 300,000 images.") is None
    assert support.unstated_numbers("It gives a thousand-fold speedup [1].", "three orders of magnitude faster") is None
    assert support.unstated_numbers("It uses the Million Song Dataset [1].", "It uses the MSD benchmark.") is None
    # hundreds are 100 to 999
    assert support.unstated_numbers("It needs a few hundred queries [1].", "It needs 20,000 queries.")


def test_only_one_of_what_the_source_says_of_both():
    both = "It avoids such limitations by weighting both training and testing samples."
    assert support.reversed_polarity("The approach weights only the testing samples [1].", both) is not None
    alike = "Robust models are more confident in correct predictions on clean and adversarial data alike."
    denied = "Robust models are more confident in correct predictions, only on clean data, not adversarial inputs [1]."
    assert support.reversed_polarity(denied, alike) is not None
    # saying both, contrasting with "only" one, or where the source says "only" itself, is no narrowing
    contrast = "Rather than weighting only the training samples or only the testing samples, it weights both [1]."
    assert support.reversed_polarity(contrast, both) is None
    own = "It uses only unlabelled data, both at training and at test time."
    assert support.reversed_polarity("It uses only unlabelled data [1].", own) is None
    # "both" in a sentence other than the one the claim restates
    other = "We pretrain on ImageNet. We then evaluate on both ImageNet and ImageNet-C."
    assert support.reversed_polarity("The model is pretrained only on ImageNet [1].", other) is None
    # a compound denied as a whole ("not data-free") is denied
    compound = "It reaches state-of-the-art rates in both data-free and data-driven configurations."
    assert support.reversed_polarity("It reaches them only in data-driven configurations, not data-free [1].", compound)


def test_a_verb_of_change_is_the_opposite_of_any_verb_changing_the_other_way():
    # sample BA: the direction of a change reversed in other verbs than the pairs written out
    widened = "AVmixup improves robust generalization, although it widens the trade-off [1]."
    reduced = "We show that AVmixup improves robust generalization and that it reduces the trade-off."
    assert support.reversed_polarity(widened, reduced) is not None
    grows = "Robust fairness deteriorates as the distance between classes grows [1]."
    decreases = "We demonstrate that robust fairness deteriorates as the distance between classes decreases."
    assert support.reversed_polarity(grows, decreases) is not None
    # the same direction in other verbs is no reversal
    shrinks = "Robust fairness deteriorates as the distance between classes shrinks [1]."
    assert support.reversed_polarity(shrinks, decreases) is None
    # verbs of change in other words, each the way the source's goes, agree (found in review)
    declines = "Robust accuracy declines as the perturbation budget grows [1]."
    assert support.reversed_polarity(declines, "Robust accuracy decreases as the budget increases.") is None
    expand = "They expand the training set, which reduces overfitting [1]."
    assert support.reversed_polarity(expand, "Enlarging the training set decreases overfitting.") is None
    # nor is a claim that writes both directions the source writes ("reduces X, widening Y")
    both = "The method reduces the error, which widens the margin [1]."
    source = "Our method reduces the error and enlarges the margin."
    assert support.reversed_polarity(both, source) is None
    # their irregular past forms change a thing the same way
    fell = "Robust accuracy fell as the perturbation budget grew [1]."
    assert support.reversed_polarity(fell, "Robust accuracy decreases as the budget increases.") is None
    rose = "Robust accuracy rose under the larger perturbation budget [1]."
    assert support.reversed_polarity(rose, "Robust accuracy decreases under a larger budget.") is not None
    # not their nouns, which name other things as often (found in review)
    taylor = "The method applies a Taylor expansion to the loss [1]."
    assert support.reversed_polarity(taylor, "The method reduces the loss using a first-order approximation.") is None


def test_a_rounded_figure_on_what_the_source_counts_and_a_list_set_off_in_commas():
    # sample BA: "roughly 4.4 times" restates "4.36times"; a figure rounded otherwise is still another one's
    source = "Our methods boost the efficiency by up to 4.36times, 5.46times, and 16.9times respectively."
    assert support.misplaced_numbers("They raise efficiency by up to roughly 4.4 times [1].", source) is None
    assert support.misplaced_numbers("They raise efficiency by up to roughly 4.5 times [1].", source) is not None
    # a count of the list the claim sets off in commas after it, the source's list in brackets
    listed = "The evaluations use several datasets (Taskonomy, Replica, ImageNet, CIFAR) under many shifts."
    four = "It was evaluated on four datasets, Taskonomy, Replica, ImageNet and CIFAR, under many shifts [1]."
    assert support.unstated_numbers(four, listed) is None
    assert support.unstated_numbers(four.replace("four", "five"), listed) is not None
    # a count with a clause after its comma counts no list
    assert support.unstated_numbers("It was evaluated on four datasets, and it wins on CIFAR [1].", listed) is not None


def test_a_cost_where_the_source_says_the_work_even_betters_the_thing():
    # sample BA: "while also achieving a superior X" keeps X (and more), so "at the cost of lower X" reverses it
    source = "Our algorithms outperform the state of the art, while also achieving a superior non-adversarial accuracy."
    paid = "The algorithms outperform the state of the art, but only at the cost of lower non-adversarial accuracy [1]."
    assert support.reversed_polarity(paid, source) is not None
    kept = "The algorithms outperform the state of the art and also reach higher non-adversarial accuracy [1]."
    assert support.reversed_polarity(kept, source) is None
    # a cost paid in another thing than the one bettered is no reversal
    other = "The algorithms outperform the state of the art, at the cost of longer training time [1]."
    assert support.reversed_polarity(other, source) is None


def test_a_norm_the_source_does_not_name():
    # sample BA: the threat model changed ("l_inf-norm" for the source's "$\ell_2$-norm")
    source = r"Randomized smoothing builds classifiers provably robust to $\ell_2$-norm adversarial perturbations."
    assert support.unstated_norms("It builds classifiers robust to l_inf-norm perturbations [1].", source)
    assert support.unstated_norms("It builds classifiers robust to L2-norm perturbations [1].", source) is None
    assert support.unstated_norms("It builds classifiers robust to ℓ2 perturbations [1].", source) is None
    # a letter and a number apart, or inside a name, are no norm
    assert support.unstated_norms("Table l 2 lists ResNet-l1 results [1].", source) is None
    # a source naming no norm, or a general one, is not judged: "L2" is then another name ("Euclidean")
    assert (
        support.unstated_norms("It replaces the L2 (Euclidean) distance [1].", "It replaces Euclidean distance.")
        is None
    )
    assert support.unstated_norms("It is robust to l_inf attacks [1].", r"Robust to $\ell_p$-bounded attacks.") is None
    # a norm written as a subscript is named
    subscript = r"Perturbations are bounded, $\|\delta\|_\infty \leq \epsilon$."
    assert support.unstated_norms("Perturbations are bounded in the ℓ∞ norm [1].", subscript) is None
    assert support.unstated_norms("Perturbations are bounded in the ℓ2 norm [1].", subscript)


def test_a_figure_with_an_order_of_magnitude_is_checked_whole():
    # sample BC: "10 million" where the source trains on 100 million (and writes a "ten" elsewhere)
    source = "Wu's method (2024). AlphaGeometry was trained with 100 million synthetic samples. Wu solved only ten."
    assert support.unstated_numbers("AlphaGeometry was trained on 10 million synthetic samples [1].", source)
    for same in ("100 million", "100M", "a hundred million", "0.1 billion"):
        assert support.unstated_numbers(f"AlphaGeometry was trained on {same} synthetic samples [1].", source) is None
    # a whole figure in words states the source's digits ("two thousand clips" for "2,000 clips")
    assert support.unstated_numbers("They use two thousand clips [1].", "We use 2,000 clips.") is None
    assert support.unstated_numbers("They use 1.3 million images [1].", "We use 1.2M images.") is not None


def test_a_year_is_no_figure_of_thousands():
    # sample BC: "thousands of samples" where the source has hundreds; the year in its heading is no such count
    source = "Alexa jamming (2019). We verified our audio adversaries digitally on hundreds of samples."
    assert support.unstated_numbers("They verified the adversaries on thousands of samples [1].", source)
    assert support.unstated_numbers("They verified the adversaries on hundreds of samples [1].", source) is None
    assert support.unstated_numbers("It holds thousands of clips [1].", "We collect 2000 clips.") is None


def test_a_count_of_a_list_whose_bracket_spells_out_one_item():
    # sample BC: the source's list names "Vision Transformers (ViT-B and DEiT-S)": four models in all
    source = "QuadAttack is tested using ResNet-50, DenseNet-121, and Vision Transformers (ViT-B and DEiT-S)."
    four = "QuadAttack is evaluated against four models: ResNet-50, DenseNet-121, ViT-B and DeiT-S [1]."
    assert support.unstated_numbers(four, source) is None
    assert support.unstated_numbers(four.replace("four", "five"), source) is not None


def test_a_need_for_one_of_several_things_the_source_does_without():
    # sample BC: "needs a pre-trained teacher" where the source works "without the need for pre-trained models or ..."
    source = (
        "ADR rectifies soft labels with a large batch size. "
        "It can improve robustness without the need for pre-trained models or extensive extra computation."
    )
    needs = "ADR needs a pre-trained teacher model to generate its rectified soft labels [1]."
    assert support.reversed_polarity(needs, source) is not None
    # a need for something else is none the source denies
    assert support.reversed_polarity("ADR needs a large batch size for its soft labels [1].", source) is None


def test_a_negation_of_what_another_clause_says_plainly():
    # sample BC: the claim's clause fits the result's clause best; its "not well separated" reverses the condition's
    source = (
        "This paper proves that when the data distribution is well-separated, DNNs can achieve "
        "Bayes-optimal test error for classification under the lazy training regime."
    )
    flipped = "DNNs can reach Bayes-optimal test error even when the data distribution is not well separated [1]."
    assert support.reversed_polarity(flipped, source) is not None
    assert support.reversed_polarity(flipped.replace("not well", "well"), source) is None
    # what the source says of other works is not what the claim's negation reverses
    other = "Unlike prior analyses that assume well-separated data, we show DNNs achieve Bayes-optimal test error."
    kept = "DNNs achieve Bayes-optimal test error with data that is not well separated [1]."
    assert support.reversed_polarity(kept, other) is None


def test_only_one_of_both_said_in_another_sentence_than_the_rest_of_the_claim():
    # sample BC: the clause with "only" restates the "both ... and" sentence; the claim's other clause another one
    source = (
        "We optimize the model using both time and frequency domain loss functions. "
        "Specifically, we consider reconstruction losses together with adversarial and feature discriminator losses."
    )
    only = "AERO is optimized only with frequency-domain losses, pairing reconstruction with adversarial ones [1]."
    assert support.reversed_polarity(only, source) is not None
    both = "AERO is optimized with time- and frequency-domain losses, pairing reconstruction with adversarial ones [1]."
    assert support.reversed_polarity(both, source) is None


def test_improving_beyond_a_baseline_is_outperforming_it():
    # sample BC: "falls short of PPO" for "improve beyond PPO"
    source = "On CommonGen, we not only outperform our SL baselines but also improve beyond PPO across many metrics."
    short = "On CommonGen, RLGF outperforms its SL baselines but falls short of PPO across many metrics [1]."
    assert support.reversed_polarity(short, source) is not None
    beats = "On CommonGen, RLGF outperforms its SL baselines and also surpasses PPO across many metrics [1]."
    assert support.reversed_polarity(beats, source) is None


def test_a_cause_and_effect_turned_round_in_other_words_of_causing():
    # sample BC: "as a consequence of" against ", caused by"
    source = "BN's error increases rapidly when the batch size becomes smaller, caused by inaccurate batch statistics."
    turned = "BN's statistics become inaccurate as a consequence of its error rising rapidly at small batches [1]."
    assert support.reversed_polarity(turned, source) is not None
    kept = "BN's error rises rapidly at small batch sizes because of inaccurate batch statistics [1]."
    assert support.reversed_polarity(kept, source) is None


def test_a_lesser_degree_of_what_the_source_denies_agrees_with_it():
    # sample BC: "much less thoroughly explored" for "has not been thoroughly explored"
    source = "Unlike classification, the robustness of object detectors has not been thoroughly explored."
    less = "Compared with classification, the robustness of object detectors is much less thoroughly explored [1]."
    assert support.reversed_polarity(less, source) is None
    # a claim saying more than the source ("not" for "less") still reverses it
    fewer = "The method needs less labelled data than supervised training."
    assert support.reversed_polarity("The method does not need labelled data [1].", fewer) is not None


def test_the_review_inputs_of_this_sessions_checks():
    # found in review: each rule's reach, on claims a careful reader judges otherwise than it did
    usual = (
        "Fast samplers usually rely on distillation from a teacher model. "
        "Our sampler needs no such teacher and produces high-quality images in 10 steps."
    )
    steps = "Our sampler produces high-quality images in 10 steps with no distillation from a teacher model [1]."
    assert support.reversed_polarity(steps, usual) is None
    no_less = "The pruned model is no less robust than the dense model."
    assert support.reversed_polarity("The pruned model is less robust than the dense model [1].", no_less)
    improves = "Robust accuracy on test data improves over the course of training."
    assert support.reversed_polarity("Robust accuracy on test data degrades over the course of training [1].", improves)
    upon = "Our method improves upon prior work in robustness."
    assert support.reversed_polarity("Our method degrades robustness relative to prior work [1].", upon)
    both = "Each update requires both a forward and a backward pass."
    assert support.reversed_polarity("Each update requires only one forward-backward pass [1].", both) is None
    assert support.unstated_numbers("It converges in thousands of steps [1].", "It converges in 2000 steps.") is None
    words = "We use twenty-five million sentences."
    assert support.unstated_numbers("A corpus of 25 million sentences [1].", words) is None
    assert support.unstated_numbers("A corpus of 26 million sentences [1].", words)


def test_a_number_in_a_formula_states_no_count():
    # sample BE: "three algorithms" excused by the exponent of "O(dm + m^3)"
    source = (
        "We propose two new algorithms as part of a framework called M-FAC. We give an algorithm with cost "
        "O(dm + m^2) for computing the IHVP and O(dm + m^3) for adding or removing any gradient [17]."
    )
    three = "M-FAC comprises three new algorithms for estimating inverse-Hessian vector products [1]."
    assert support.unstated_numbers(three, source) is not None
    two = "M-FAC comprises two new algorithms for estimating inverse-Hessian vector products [1]."
    assert support.unstated_numbers(two, source) is None
    # the formula, or its degree, restated takes the source's exponent
    restated = "Adding or removing a gradient costs O(dm + m^3), cubic in the window size m [1]."
    assert support.unstated_numbers(restated, source) is None
    wrong = "Adding or removing a gradient costs O(dm + m^4) [1]."
    assert support.unstated_numbers(wrong, source) is not None
    # a year in brackets is a citation's year, which the source states (sample BG: "Sachs et al. [2022]")
    cited = "The SEA model was introduced by Sachs et al. [2022]."
    assert support.unstated_numbers("Sachs et al. introduced the SEA model in 2022 [1].", cited) is None
    assert support.unstated_numbers("Sachs et al. introduced the SEA model in 2021 [1].", cited) is not None


def test_how_often_turned_round():
    # sample BE: "rarely" for "usually"
    source = "Existing works design robust losses with the symmetric condition, which usually lead to underfitting."
    rarely = "Robust losses built around the symmetric condition rarely lead to underfitting [1]."
    assert support.reversed_polarity(rarely, source) is not None
    often = "Robust losses built around the symmetric condition often lead to underfitting [1]."
    assert support.reversed_polarity(often, source) is None
    # the adjective judges nothing (a review input): "rare" entities are no opposite of "commonly"
    rare = "The benchmark covers long-tail entities that are rare on the web."
    assert support.reversed_polarity("The benchmark is commonly used for long-tail entities [1].", rare) is None


def test_a_compound_both_write_is_a_name_not_a_judgement():
    # sample BE: "small-loss sample selection" against "examples with large losses"
    source = (
        "Sample selection is a prevalent method in learning with noisy labels, where small-loss data are typically "
        "considered as correctly labeled data. However, this method may not effectively identify clean hard "
        "examples with large losses."
    )
    named = "Small-loss sample selection can miss clean hard examples that have large losses [1]."
    assert support.reversed_polarity(named, source) is None
    # a compound only the source writes keeps its words: "a lower bound" for "a global upper-bound"
    bound = "We prove that the surrogate is a global upper-bound on the loss."
    lower = "The authors prove that their surrogate is a global lower bound on the loss [1]."
    assert support.reversed_polarity(lower, bound) is not None


def test_a_duration_in_a_unit_of_time_the_source_never_writes():
    # sample BE: "a few seconds" for "in milliseconds"
    source = "We found that Decamouflage can detect image-scaling attacks in milliseconds on a personal PC."
    seconds = "Decamouflage needs a few seconds to detect an image-scaling attack on a personal PC [1]."
    assert support.unstated_numbers(seconds, source) is not None
    kept = "Decamouflage detects an image-scaling attack within milliseconds on a personal PC [1]."
    assert support.unstated_numbers(kept, source) is None
    # an abbreviation of the source's is its unit; "the second" and "MS COCO" are no durations
    assert support.unstated_numbers("Training takes 3 hours on one GPU [1].", "Training takes 3 h on one GPU.") is None
    assert support.unstated_numbers("The second stage uses MS COCO [1].", "The second stage trains on MS COCO.") is None


def test_what_can_be_done_against_what_cannot():
    # sample BE: "also attainable under pure differential privacy" for "impossible under pure differential privacy"
    source = "This leads to algorithms whose error does not depend on the range, which is impossible under pure DP."
    attainable = "The algorithms' error does not depend on the range, which is also attainable under pure DP [1]."
    assert support.reversed_polarity(attainable, source) is not None
    kept = "The algorithms' error does not depend on the range, a property unattainable under pure DP [1]."
    assert support.reversed_polarity(kept, source) is None


def test_a_negation_reaches_no_further_than_its_clause():
    # a comma opening another clause ends what "not" governs; a comma of a list does not
    from rag.answering.support import polarity

    scopes, free = polarity._scopes("The error does not depend on the range, which is impossible under pure DP.")
    assert scopes == [["depend", "range"]] and "impossible" in free
    assert polarity._scopes("It needs no labels, augmentations or teachers.")[0] == [
        ["labels", "augmentations", "teachers"]
    ]
    assert polarity._scopes("It is not robust; attacks succeed.")[0] == [["robust"]]
    # an abbreviation's period ends nothing, nor does a comma before "as well as"
    assert polarity._scopes("We do not use, e.g., ImageNet pretraining.")[0] == [["e", "g", "imagenet", "pretraining"]]
    assert polarity._scopes("trained without labels, as well as augmentations")[0] == [
        ["labels", "well", "augmentations"]
    ]


def test_the_review_inputs_of_the_formula_duration_and_compound_checks():
    # a helper's review of this session's checks: each of these was misjudged by a first form
    assert support.unstated_numbers("Scores lie between 0 and 10 [1].", "Scores are normalized to [0, 10].") is None
    for claim, source in (
        ("Training requires 2 hours [1].", "Training requires 2h on one GPU."),
        ("It used 1,000 GPU hours [1].", "It used 1,000 GPU-hours."),
        ("It runs over 24 hours [1].", "It runs over a 24-hour window."),
        ("It converges in under an hour [1].", "It converges in 40 minutes."),
        ("It is rebuilt once a day [1].", "It is rebuilt daily."),
        ("It took A100 hours [1].", "We train on A100 GPUs."),
    ):
        assert support.unstated_numbers(claim, source) is None, claim
    possessive = "Decamouflage detects the model's attacks in milliseconds."
    assert support.unstated_numbers("Decamouflage needs a few seconds to detect attacks [1].", possessive) is not None
    # a compound whose opposite the source writes is judged: "lower-bound" where it derives the upper-bound
    bounds = "We derive a tight upper-bound on the risk, and show that the lower-bound is loose."
    assert support.reversed_polarity("The paper derives a tight lower-bound on the risk [1].", bounds) is not None
    helps = "The method helps small models most: small models improve by 4 points."
    assert support.reversed_polarity("The method helps small models more than large models [1].", helps) is None


def test_a_short_clause_keeps_its_negation():
    # sample BG: "although they are not space-optimal" for "new space-optimal algorithms with faster running times":
    # a negated clause of one content word is read, not dropped as a fragment
    source = "We provide new space-optimal algorithms with faster running times."
    hidden = "The new algorithms run faster, although they are not space-optimal [1]."
    assert support.reversed_polarity(hidden, source) is not None
    kept = "The new algorithms run faster, and they are space-optimal [1]."
    assert support.reversed_polarity(kept, source) is None
    # a bare "not X" with no verb of its own is a contrast inside the clause before, not read alone
    for claim, plain in (
        ("It achieves comparable, if not better, accuracy than full fine-tuning [1].", "comparable or better accuracy"),
        ("The method helps on CIFAR-10, but not on ImageNet [1].", "It helps on CIFAR-10 but hurts on ImageNet."),
        ("Attention cost grows linearly, not quadratically, with length [1].", "Its cost is linear in length."),
    ):
        assert support.reversed_polarity(claim, plain) is None, claim


def test_a_bound_on_a_quantity_negates_nothing_and_a_clause_resting_on_nothing_reverses_nothing():
    # BM: "no more than two" is "at most two", not a negation the claim drops
    vat = "For neural nets, the gradient can be computed with no more than two pairs of forward and backward passes."
    assert support.reversed_polarity("The gradient costs at most two forward-backward pairs [1].", vat) is None
    assert support.reversed_polarity("The gradient cannot be computed with two pairs of passes [1].", vat)
    # ... but the bare comparative against the bound reverses it (a helper's review)
    assert support.reversed_polarity("The gradient needs more than two pairs of passes [1].", vat)
    assert support.reversed_polarity("The gain was greater than chance.", "The gain was not greater than chance.")
    # a clause sharing no word with the source ("rarely considered for this purpose") rests on none of it
    source = (
        "Such regularization methods have largely been overlooked as baselines. They often produce confident "
        "predictions on out-of-distribution samples. Certain regularization methods can serve as strong baselines."
    )
    claim = "Some regularizers, rarely considered for this purpose, could be strong baselines [1]."
    assert support.reversed_polarity(claim, source) is None
    # it is still read against the sentences the claim shares words with ("small" improvements, "large" gains)
    detector = "We train a detector on COCO. The resulting gains are large and it runs faster than prior detectors."
    assert support.reversed_polarity("The detector is trained on COCO, and the improvements are small.", detector)
    # "rather than X" agrees with a source that sets X apart with "compared with"
    snr = (
        "Compared with Euclidean distance metric, our SNR distance metric can jointly reduce the intra-class distances."
    )
    assert (
        support.reversed_polarity("The SNR metric, rather than Euclidean distance, reduces intra-class distances.", snr)
        is None
    )


def test_an_amount_turned_round_is_a_reversal():
    # BU: "negligible changes" against "a marked gain", "substantial robustness" against "little protection";
    # no sides are read around them ("from AlexNet to ResNet" may stand anywhere)
    bench = (
        "We find that there are negligible changes in relative corruption robustness from AlexNet classifiers to "
        "ResNet classifiers. We even find that a bypassed adversarial defense provides substantial common "
        "perturbation robustness."
    )
    marked = "Moving from AlexNet to ResNet brought a marked gain in relative corruption robustness [1]."
    assert support.reversed_polarity(marked, bench) is not None
    assert support.reversed_polarity("A bypassed defense offers little perturbation robustness [1].", bench)
    assert (
        support.reversed_polarity("From AlexNet to ResNet, relative corruption robustness hardly changed.", bench)
        is None
    )
    # each side must put its amount on a change (a helper's review): "little extra cost" against "significantly
    # outperforms", "largely unaffected" against "little effect", "little data" against "substantial
    # improvements" are no reversal
    for claim, source in (
        ("X outperforms Y with little extra cost.", "X significantly outperforms Y at a small extra cost."),
        ("Robustness is largely unaffected by the architecture.", "The architecture has little effect on robustness."),
        (
            "The method performs well with little data.",
            "The method achieves substantial improvements when data is scarce.",
        ),
        ("This yields a significant speedup.", "This yields a 3x speedup with negligible accuracy loss."),
    ):
        assert support.reversed_polarity(claim, source) is None, claim
    # and each on the same thing (a second review): another amount in the source on something else is none
    for claim, source in (
        (
            "The defense achieves significant robustness improvements.",
            "Our defense yields substantial robustness gains with little computational overhead.",
        ),
        (
            "The method brings substantial improvements in accuracy.",
            "The method brings significant improvements in accuracy, with little change to the architecture.",
        ),
    ):
        assert support.reversed_polarity(claim, source) is None, claim
    # "large" against "small" is read as before, with the sides around it
    weights = "It is essential to conduct weight perturbation on adversarial data with small classification loss."
    assert support.reversed_polarity(
        "Weight perturbation must go to adversarial data with large classification loss.", weights
    )
    # a word that only shares a stem is no amount ("minimization" is not "minimal")
    groups = "It runs in time linear in the number of groups and gives substantial error improvements."
    assert (
        support.reversed_polarity("It turns regret minimization into a reduction with error improvements.", groups)
        is None
    )


def test_a_gap_between_two_stated_figures_is_stated_and_another_gap_is_not():
    # BM: a model restates two accuracies as the points between them
    byol = "BYOL with our loss reaches 76.87% on STL10, surpassing vanilla BYOL (71.04%)."
    assert support.unstated_numbers("It gains nearly six points on STL10 [1].", byol) is None
    assert support.unstated_numbers("It gains 5.8 points on STL10 [1].", byol) is None
    assert support.unstated_numbers("It gains nearly nine points on STL10 [1].", byol) is not None
    # a gap needs its word: a bare 6 is no difference of the two
    assert support.unstated_numbers("It is trained for 6 epochs [1].", byol) is not None
    # only measured figures make a gap (not years, counts or a name's number), rounded half up, and no finer
    # than they are written (a helper's review)
    assert support.unstated_numbers("It improves accuracy by 3 points.", "It reaches 71.0% in 2021, up from 2018.")
    assert support.unstated_numbers("It is 7 points better.", "75.2% versus 73.9% using 8 GPUs for 1 day.")
    assert support.unstated_numbers("It is sampled with 1024 points.", "2048 points and 3072 iterations.")
    assert support.unstated_numbers("It keeps six points [1].", byol)  # a number word is no gap's word
    assert support.unstated_numbers("It gains 3 points.", "It scores 88.0 against 85.5.") is None
    assert support.unstated_numbers("It gains 2.30 points.", "It scores 12.4 against 10.1.")
    # BU: a fall said with a few words before the figure ("a fall of more than 82 points" for 93.4% to 11.0%)
    jam = "The attack reduces the recognition F1 score of our emulated model from 93.4% to 11.0%."
    assert support.unstated_numbers("F1 went from 93.4% to 11.0%, a fall of more than 82 points [1].", jam) is None
    assert support.unstated_numbers("F1 went from 93.4% to 11.0%, a fall of more than 72 points [1].", jam)


def test_what_a_claim_asserts_of_nothing_of_its_own_reverses_nothing():
    # sample BY: faithful claims read as reversals
    # a fronted phrase with a preposition ("Beyond ...") asserts nothing a source's negation governs
    ssl = (
        "Self-supervised methods are often not thought beneficial beyond reducing the need for annotations. "
        "We find that self-supervision can benefit robustness to label corruption."
    )
    assert (
        support.reversed_polarity("Beyond cutting annotation cost, it benefits robustness to label corruption.", ssl)
        is None
    )
    assert support.reversed_polarity("Self-supervision brings no benefit to robustness to label corruption.", ssl)
    # a negation in what a comparison measures against ("than tickets drawn without it") describes the baseline
    lth = "Subnetworks drawn with induced adversarial robustness win better transferability over vanilla subnetworks."
    baseline = "Subnetworks drawn with adversarial robustness transfer better than subnetworks drawn without it."
    assert support.reversed_polarity(baseline, lth) is None
    # ... not a quantity ("more than one object"), a verb's own negation, nor one before the comparative
    cut = "Compared to prior work, CutLER is simpler and detects multiple objects."
    assert support.reversed_polarity("CutLER is simpler but fails to detect more than one object.", cut)
    labels = "Self-training improves accuracy more than fine-tuning does with labels."
    assert support.reversed_polarity(
        "Self-training improves accuracy more than fine-tuning does without labels.", labels
    )
    larger = "We find that larger models are not necessarily more robust than smaller ones under distribution shift."
    assert support.reversed_polarity("Larger models are more robust than smaller ones.", larger)
    # (a review's cases: both sides negated, the comparison turned round, is read as before)
    rewind = "Tickets found with rewinding transfer better than tickets found without rewinding."
    assert (
        support.reversed_polarity("Tickets found without rewinding transfer worse than tickets found with it.", rewind)
        is None
    )
    # "not only X but also Y": Y shares X's verb
    mri = (
        "Tiny input perturbations may lead to instabilities of reconstruction models. "
        "We show the lack of reconstruction robustness against spatial transformations of an input."
    )
    both = "Reconstruction models may be unstable not only under tiny perturbations but also under spatial shifts."
    assert support.reversed_polarity(both, mri) is None
    # ... unless a half says a negation of its own: then each has its own verb
    prior = "Prior defenses not only fail to converge but also require expensive retraining."
    assert support.reversed_polarity("Prior defenses require expensive retraining.", prior) is None
    kept = "The defense not only improves adversarial accuracy but also does not hurt clean accuracy."
    assert support.reversed_polarity("The defense improves adversarial accuracy.", kept) is None
    # a comparison made from the other side, in the clause the claim fits best
    robust = (
        "Standard models, compared to robust are more susceptible to attacks, and their learned representations "
        "are less meaningful to humans."
    )
    converse = "Robust models learn representations more meaningful to humans than those of standard models."
    assert support.reversed_polarity(converse, robust) is None
    # ... not one whose other side is what the source compares against ("compared to robust")
    turned = "Standard models learn representations more meaningful to humans than those of robust models."
    assert support.reversed_polarity(turned, robust)
    # ... nor what the source's own judging word is said against, in a clause taking its setting from another
    shield = (
        "We propose GraphShield, a certified defense based on randomized smoothing. GraphShield outperforms GNNGuard."
    )
    worse = "GraphShield, a certified defense based on randomized smoothing, performs worse than GNNGuard."
    assert support.reversed_polarity(worse, shield)
