using System.Text.Json.Nodes;
using DataPrep.Configuration;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Configuration;

public class YamlConfigReaderTests
{
    public static TheoryData<string> RecipeFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestPaths.Configs, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RecipeFiles))]
    public void EveryRecipeReadsToTheSameTreeAsTheFullParser(string file)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Configs, file));

        Assert.True(YamlConfigReader.TryRead(text, out var fast));

        Assert.True(JsonNode.DeepEquals(ConfigTree.ParseYamlStream(text, file), fast), file);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("plain")]
    [InlineData("a: 1\nb:\nc: ~\nd: 'quoted'\ne: \"007\"\nf: true\ng: 0.5\nh: 1_000\ni: null\n")]
    [InlineData("stages:\n- Normalize\n-\n- GopherQuality: { minWords: 50, maxWords: }\nnext: x\n")]
    [InlineData("stages:\n  - Normalize # trailing comment\n  - Blocklist:\n      minMatches: 3\n      words: [a, 'b c', \"d\"]\n")]
    [InlineData("input: { path: [a.jsonl, b.jsonl], textField: text }\noutput: {}\nplugins: []\n")]
    [InlineData("nested:\n  list:\n  - - 1\n    - 2\n  - {a: [x, {b: y}]}\n  last:\n")]
    [InlineData("text: |\n  two\n  lines\nfolded: >\n  one\n  line\n")]
    [InlineData("- a\n- b: 1\n  c: 2\n- [x, y]\n")]
    public void ConfigShapesReadToTheSameTreeAsTheFullParser(string text)
    {
        Assert.True(YamlConfigReader.TryRead(text, out var fast));

        Assert.True(JsonNode.DeepEquals(ConfigTree.ParseYamlStream(text, "inline.yaml"), fast));
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    [InlineData("---\na: 1\n---\nb: 2\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("? [a, b]\n: 1\n")]
    [InlineData("[a: 1]\n")]
    [InlineData("stages:\n  - Normalize: { a: [\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a:\n\t- b\n")]
    public void AnythingElseIsLeftToTheFullParser(string text)
    {
        Assert.False(YamlConfigReader.TryRead(text, out var root));
        Assert.Null(root);
    }

    [Fact]
    public void InvalidYamlKeepsTheFullParsersMessage()
    {
        const string text = "stages:\n  - Normalize: { a: [\n";

        var viaConfig = Assert.Throws<PipelineConfigException>(() => ConfigTree.Parse(text, "bad.yaml"));
        var viaParser = Assert.Throws<PipelineConfigException>(() => ConfigTree.ParseYamlStream(text, "bad.yaml"));

        Assert.Equal(viaParser.Message, viaConfig.Message);
        Assert.Contains("not valid YAML", viaConfig.Message);
    }
}
