using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages.Tokenization;
using DataPrep.Tests.Support;
using DataPrep.Tokenizers;

namespace DataPrep.Tests.Stages.Tokenization;

public sealed class IndexedDatasetWriterTests
{
    [SharedDataFact]
    public async Task FilesReadBackToTheSameIdsWithEndOfDocumentTokens()
    {
        var folder = TestPaths.NewTempDirectory();
        var prefix = Path.Combine(folder, "petitions");
        var stage = new IndexedDatasetWriter(new IndexedDatasetOptions { Tokenizer = "o200k_base", OutputPrefix = prefix, BatchSize = 7 });
        var documents = CorpusReader.Read("ko-petitions.jsonl.gz", limit: 40).Append(Some.Document("")).ToList();
        var tokenizer = TokenizerFactory.GetShared("o200k_base");

        var result = await StageHarness.RunAsync(stage, documents);

        Assert.Equal(documents.Select(d => d.Id), result.KeptIds);
        var reader = IndexedDatasetReader.Open(prefix);
        Assert.Equal(IndexedDatasetDType.Int32, reader.DType);
        Assert.Equal(documents.Count, reader.SequenceLengths.Count);
        Assert.Equal(Enumerable.Range(0, documents.Count + 1).Select(i => (long)i), reader.DocumentIndices);
        for (var i = 0; i < documents.Count; i++)
        {
            var expected = new List<int>();
            tokenizer.Encode(documents[i].Text, expected);
            expected.Add(199999);
            Assert.Equal(expected, reader.ReadSequence(i));
            Assert.Equal((long)(expected.Count - 1), documents[i].Metadata[MetadataKeys.Tokens]);
        }
        Assert.Equal(0L, reader.SequencePointers[0]);
        Assert.Equal(reader.SequenceLengths[0] * 4L, reader.SequencePointers[1]);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp-*"));
    }

    [SharedDataFact]
    public async Task SmallVocabularyIsStoredAsUInt16WithoutEndOfDocument()
    {
        var prefix = Path.Combine(TestPaths.NewTempDirectory(), "llama2");
        var stage = new IndexedDatasetWriter(new IndexedDatasetOptions
        {
            Tokenizer = Path.Combine(TestPaths.Tokenizers, "llama2-sentencepiece", "tokenizer.model"),
            OutputPrefix = prefix,
            AppendEndOfDocument = false,
        });

        await StageHarness.RunAsync(stage, [Some.Document("Hello world"), Some.Document("....")]);

        var reader = IndexedDatasetReader.Open(prefix);
        Assert.Equal(IndexedDatasetDType.UInt16, reader.DType);
        Assert.Equal([15043, 3186], reader.ReadSequence(0));
        Assert.Equal([13035], reader.ReadSequence(1));
        Assert.Equal(4L, reader.SequencePointers[1]);
    }

    [Fact]
    public void IndexHeaderIsMegatronsMmididxVersionOne()
    {
        var prefix = Path.Combine(TestPaths.NewTempDirectory(), "header");
        using (var builder = new IndexedDatasetBuilder(prefix, 32000))
        {
            builder.AddDocument([5, 6, 7], endOfDocument: 2);
            builder.Commit();
        }

        var idx = File.ReadAllBytes(prefix + ".idx");

        Assert.Equal("MMIDIDX\0\0"u8.ToArray(), idx[..9]);
        Assert.Equal(1UL, BitConverter.ToUInt64(idx, 9));
        Assert.Equal((byte)8, idx[17]);
        Assert.Equal(1UL, BitConverter.ToUInt64(idx, 18));
        Assert.Equal(2UL, BitConverter.ToUInt64(idx, 26));
        Assert.Equal(34 + 4 + 8 + 16, idx.Length);
        Assert.Equal(new byte[] { 5, 0, 6, 0, 7, 0, 2, 0 }, File.ReadAllBytes(prefix + ".bin"));
    }

    [Fact]
    public void UncommittedBuilderLeavesNoFiles()
    {
        var folder = TestPaths.NewTempDirectory();
        using (var builder = new IndexedDatasetBuilder(Path.Combine(folder, "partial"), 100))
        {
            builder.AddDocument([1, 2, 3]);
        }

        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void EachShardWritesItsOwnFiles()
    {
        var prefix = Path.Combine(TestPaths.NewTempDirectory(), "corpus");
        var stage = new IndexedDatasetWriter(new IndexedDatasetOptions { OutputPrefix = prefix });

        Assert.Equal(prefix + "_rank-00003", stage.PrefixFor(new ShardSpec(3, 8)));
        Assert.Equal(prefix, stage.PrefixFor(ShardSpec.Single));
    }

    [Fact]
    public void EmptyOutputPrefixAndZeroBatchAreOptionProblems()
    {
        var problems = new IndexedDatasetOptions { OutputPrefix = "", BatchSize = 0 }.Validate().Select(p => p.Property).ToList();

        Assert.Equal(["outputPrefix", "batchSize"], problems);
    }
}
