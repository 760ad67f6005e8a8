using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace DataPrep.Configuration;

/// <summary>
/// Reads the YAML that config files are made of — block and flow mappings with scalar keys, block, indentless and flow
/// sequences, plain and quoted scalars, comments — straight from YamlDotNet's scanner into a <see cref="JsonNode"/> tree.
/// Anything else (anchors, aliases, tags, directives, several documents, complex or repeated keys, a token sequence it
/// does not expect, a scanner error) makes it give up, and <see cref="ConfigTree"/> parses the text with YamlDotNet's
/// full parser instead, which also writes the error messages.
/// </summary>
/// <remarks>Why: YamlDotNet's parser builds a <c>RegexOptions.Compiled</c> regex (tag handles) the first time it runs; emitting
/// and compiling it cost every process about 40 ms of CPU, more than the rest of reading the config
/// (bench/results/startup.md, Session 11). The scanner does not use it. The subset accepted here is a strict subset of
/// what the parser accepts, with the same tree: tests compare both on every config in <c>configs/</c> and on the edge
/// cases.</remarks>
internal static class YamlConfigReader
{
    /// <summary>Reads <paramref name="text"/>; false when the text needs the full parser.</summary>
    public static bool TryRead(string text, out JsonNode? root)
    {
        root = null;
        try
        {
            var tokens = new Tokens(new Scanner(new StringReader(text)));
            if (!tokens.Take<StreamStart>())
            {
                return false;
            }
            if (tokens.Take<StreamEnd>())
            {
                return true;
            }
            if (!TryNode(tokens, out root) || !tokens.Take<StreamEnd>())
            {
                root = null;
                return false;
            }
            return true;
        }
        catch (YamlException)
        {
            // The full parser reports it, with its message and position.
            root = null;
            return false;
        }
    }

    private static bool TryNode(Tokens tokens, out JsonNode? node)
    {
        node = null;
        switch (tokens.Current)
        {
            case Scalar scalar:
                tokens.Next();
                node = ConfigTree.ConvertScalar(scalar.Value, scalar.Style);
                return true;
            case BlockMappingStart:
                tokens.Next();
                return TryMapping<BlockEnd>(tokens, block: true, out node);
            case FlowMappingStart:
                tokens.Next();
                return TryMapping<FlowMappingEnd>(tokens, block: false, out node);
            case BlockSequenceStart:
                tokens.Next();
                return TryBlockSequence(tokens, indentless: false, out node);
            case FlowSequenceStart:
                tokens.Next();
                return TryFlowSequence(tokens, out node);
            default:
                return false;
        }
    }

    private static bool TryMapping<TEnd>(Tokens tokens, bool block, out JsonNode? node)
        where TEnd : Token
    {
        node = null;
        var mapping = new JsonObject();
        while (!tokens.Take<TEnd>())
        {
            if (!tokens.Take<Key>() || tokens.Current is not Scalar key || !tokens.Next() || !tokens.Take<Value>()
                || mapping.ContainsKey(key.Value))
            {
                return false;
            }
            JsonNode? value = null;
            if (block && tokens.Current is BlockEntry)
            {
                // "key:" followed by "- item" lines at the key's own indentation.
                if (!TryBlockSequence(tokens, indentless: true, out value))
                {
                    return false;
                }
            }
            else if (tokens.Current is not (Key or BlockEnd or FlowEntry or FlowMappingEnd) && !TryNode(tokens, out value))
            {
                return false;
            }
            mapping[key.Value] = value;
            if (!block && !tokens.Take<FlowEntry>() && tokens.Current is not FlowMappingEnd)
            {
                return false;
            }
        }
        node = mapping;
        return true;
    }

    private static bool TryBlockSequence(Tokens tokens, bool indentless, out JsonNode? node)
    {
        node = null;
        var sequence = new JsonArray();
        while (tokens.Take<BlockEntry>())
        {
            JsonNode? item = null;
            if (tokens.Current is not (BlockEntry or BlockEnd or Key) && !TryNode(tokens, out item))
            {
                return false;
            }
            sequence.Add(item);
        }
        // An indented sequence ends with its own BlockEnd; an indentless one at the next key or the mapping's end.
        if (!indentless && !tokens.Take<BlockEnd>())
        {
            return false;
        }
        node = sequence;
        return true;
    }

    private static bool TryFlowSequence(Tokens tokens, out JsonNode? node)
    {
        node = null;
        var sequence = new JsonArray();
        while (!tokens.Take<FlowSequenceEnd>())
        {
            if (!TryNode(tokens, out var item))
            {
                return false;
            }
            sequence.Add(item);
            if (!tokens.Take<FlowEntry>() && tokens.Current is not FlowSequenceEnd)
            {
                return false;
            }
        }
        node = sequence;
        return true;
    }

    // The scanner's tokens with one token of look-ahead; comments are skipped by the scanner.
    private sealed class Tokens
    {
        private readonly Scanner _scanner;

        public Tokens(Scanner scanner)
        {
            _scanner = scanner;
            Next();
        }

        public Token? Current { get; private set; }

        public bool Next()
        {
            Current = _scanner.MoveNext() ? _scanner.Current : null;
            return true;
        }

        public bool Take<T>()
            where T : Token
        {
            if (Current is T)
            {
                Next();
                return true;
            }
            return false;
        }
    }
}
