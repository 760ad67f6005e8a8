using DataPrep.Documents;

namespace DataPrep.Stages.Quality;

/// <summary>
/// Trains a <see cref="QualityClassifierModel"/> from examples of good and bad documents, the way GPT-3
/// and PaLM built their quality filters: a linear classifier over hashed n-gram features, trained to tell
/// a trusted reference corpus from raw or junk text.
/// </summary>
/// <remarks>
/// <para>Source: Brown et al. 2020 (GPT-3), Appendix A: logistic regression on hashed features, with
/// curated text (WebText, Wikipedia, books) as positives and unfiltered Common Crawl as negatives;
/// Chowdhery et al. 2022 (PaLM) §3 used the same kind of linear quality classifier. GPT-3 used Spark's
/// word tokenizer and HashingTF; here the features are character 1–4-grams plus word unigrams and bigrams
/// (<c>HashedNgramFeatures</c>), so Korean is scored without a morphological analyser.</para>
/// <para>Training is logistic loss minimised by AdaGrad, one document at a time, for a few epochs. Each
/// class is split into train and held-out parts with a seeded shuffle (stratified), the epochs visit the
/// training documents in a seeded order, and all arithmetic runs on one thread in that order, so the same
/// documents and seed give a bit-identical model. With <c>balanceClasses</c> each class carries half of
/// the loss, so a small junk sample is not outvoted by a large clean corpus.</para>
/// <para>Documents are featurised once and kept in memory as sparse vectors (at most <c>maxChars</c>
/// characters each, about 8 bytes per distinct n-gram), which bounds a training set of tens of thousands
/// of documents to a few hundred MB.</para>
/// </remarks>
internal static class QualityClassifierTrainer
{
    /// <summary>Trains a classifier of <paramref name="good"/> against <paramref name="bad"/> documents and
    /// measures it on a held-out share of each.</summary>
    /// <exception cref="ArgumentException">A class has no document, or too few to hold some out, or an option is out of range.</exception>
    public static QualityClassifierTrainingResult Train(IEnumerable<Document> good, IEnumerable<Document> bad, QualityClassifierTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(good);
        ArgumentNullException.ThrowIfNull(bad);
        return Train(good.Select(d => d.Text), bad.Select(d => d.Text), options);
    }

    /// <summary>Trains a classifier of <paramref name="good"/> against <paramref name="bad"/> texts.</summary>
    /// <exception cref="ArgumentException">A class has no text, or too few to hold some out, or an option is out of range.</exception>
    public static QualityClassifierTrainingResult Train(IEnumerable<string> good, IEnumerable<string> bad, QualityClassifierTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(good);
        ArgumentNullException.ThrowIfNull(bad);
        options ??= new QualityClassifierTrainingOptions();
        options.Validate();
        var features = new HashedNgramFeatures(options.Bits, options.MaxChars);
        var goodExamples = Featurise(good, features, 1);
        var badExamples = Featurise(bad, features, 0);
        if (goodExamples.Count == 0 || badExamples.Count == 0)
        {
            throw new ArgumentException($"training needs good and bad documents (got {goodExamples.Count} good, {badExamples.Count} bad).");
        }
        var random = new Random(options.Seed);
        var (goodTrain, goodTest) = Split(goodExamples, options.Holdout, random);
        var (badTrain, badTest) = Split(badExamples, options.Holdout, random);
        if (goodTrain.Count == 0 || badTrain.Count == 0)
        {
            throw new ArgumentException("holdout leaves no training documents in a class; add documents or lower holdout.");
        }

        var training = goodTrain.Concat(badTrain).ToArray();
        var goodWeight = options.BalanceClasses ? training.Length / (2.0 * goodTrain.Count) : 1;
        var badWeight = options.BalanceClasses ? training.Length / (2.0 * badTrain.Count) : 1;
        var weights = new float[features.Dimension];
        var squares = new float[features.Dimension];
        double bias = 0, biasSquares = 0;
        var rate = options.LearningRate;
        var l2 = options.L2;
        const double epsilon = 1e-8;
        var order = new int[training.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            new Random(unchecked(options.Seed * 31 + epoch)).Shuffle(order);
            foreach (var index in order)
            {
                var example = training[index];
                var margin = bias;
                var idx = example.Indices;
                var val = example.Values;
                for (var j = 0; j < idx.Length; j++)
                {
                    margin += weights[idx[j]] * val[j];
                }
                var gradient = (QualityClassifierModel.Sigmoid(margin) - example.Label) * (example.Label == 1 ? goodWeight : badWeight);
                for (var j = 0; j < idx.Length; j++)
                {
                    var k = idx[j];
                    var g = gradient * val[j] + l2 * weights[k];
                    squares[k] += (float)(g * g);
                    weights[k] -= (float)(rate * g / (Math.Sqrt(squares[k]) + epsilon));
                }
                biasSquares += gradient * gradient;
                bias -= rate * gradient / (Math.Sqrt(biasSquares) + epsilon);
            }
        }

        var model = new QualityClassifierModel(options.Bits, options.MaxChars, weights, (float)bias);
        var heldout = goodTest.Count + badTest.Count > 0;
        var (evalGood, evalBad) = heldout ? (goodTest, badTest) : (goodTrain, badTrain);
        int tp = 0, fn = 0, fp = 0, tn = 0;
        foreach (var example in evalGood)
        {
            if (QualityClassifierModel.Sigmoid(model.Margin(example.Indices, example.Values)) >= options.Threshold)
            {
                tp++;
            }
            else
            {
                fn++;
            }
        }
        foreach (var example in evalBad)
        {
            if (QualityClassifierModel.Sigmoid(model.Margin(example.Indices, example.Values)) >= options.Threshold)
            {
                fp++;
            }
            else
            {
                tn++;
            }
        }
        return new QualityClassifierTrainingResult(model, new QualityClassifierMetrics(tp, fp, tn, fn, goodTrain.Count, badTrain.Count, heldout));
    }

    private static List<Example> Featurise(IEnumerable<string> texts, HashedNgramFeatures features, int label)
    {
        var examples = new List<Example>();
        foreach (var text in texts)
        {
            features.Extract(text, out var indices, out var values);
            examples.Add(new Example(indices.ToArray(), values.ToArray(), label));
        }
        return examples;
    }

    private static (List<Example> Train, List<Example> Test) Split(List<Example> examples, double holdout, Random random)
    {
        var shuffled = examples.ToArray();
        random.Shuffle(shuffled);
        var test = (int)Math.Round(shuffled.Length * holdout, MidpointRounding.AwayFromZero);
        return (shuffled[test..].ToList(), shuffled[..test].ToList());
    }

    private sealed record Example(int[] Indices, float[] Values, int Label);
}
