using System.Runtime.Intrinsics.X86;
using System.Text;
using System.Text.Unicode;
using DataPrep.Tests.Support;
using DataPrep.Text;

namespace DataPrep.Tests.Text;

public class Utf8ValidationTests
{
    public delegate bool Validator(ReadOnlySpan<byte> utf8);

    // Every implementation this machine can run: the public entry and each vector width it dispatches to.
    public static TheoryData<string> Implementations()
    {
        var data = new TheoryData<string> { "public" };
        if (Avx512BW.IsSupported)
        {
            data.Add("avx512");
        }
        if (Avx2.IsSupported)
        {
            data.Add("avx2");
        }
        return data;
    }

    private static Validator Get(string name) => name switch
    {
        "avx512" => Utf8Validation.IsValidAvx512,
        "avx2" => Utf8Validation.IsValidAvx2,
        _ => Utf8Validation.IsValid,
    };

    // Hangul and ASCII up to exactly `length` bytes: the probe after it sits across the 32- and 64-byte block edges.
    private static byte[] Context(int length)
    {
        // Hangul first, then ASCII: the last 64-byte block of a long context is all ASCII.
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("대한민국 헌법 text ", 4)) + new string('a', 300));
        var end = length;
        while ((bytes[end] & 0xC0) == 0x80)
        {
            end--;
        }
        var context = new byte[length];
        Array.Fill(context, (byte)'a');
        bytes.AsSpan(0, end).CopyTo(context);
        return context;
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void EveryThreeByteSequenceAfterALeadByteIsJudgedAsThePlatformJudgesIt(string implementation)
    {
        var validate = Get(implementation);
        var buffer = new byte[80];
        foreach (var offset in new[] { 29, 30, 31, 61, 62, 63 })
        {
            var text = buffer.AsSpan(0, offset + 3 + 3);
            Context(offset).CopyTo(text);
            Encoding.UTF8.GetBytes("가").CopyTo(text[(offset + 3)..]);
            for (var lead = 0xC0; lead <= 0xFF; lead++)
            {
                for (var second = 0; second <= 0xFF; second++)
                {
                    for (var third = 0; third <= 0xFF; third += second is >= 0x80 and <= 0xBF ? 1 : 17)
                    {
                        text[offset] = (byte)lead;
                        text[offset + 1] = (byte)second;
                        text[offset + 2] = (byte)third;
                        if (validate(text) != Utf8.IsValid(text))
                        {
                            Assert.Fail($"{lead:X2} {second:X2} {third:X2} at {offset}: expected {Utf8.IsValid(text)}");
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void FourByteSequencesAndTheirCutsAreJudgedAsThePlatformJudgesThem(string implementation)
    {
        var validate = Get(implementation);
        foreach (var offset in new[] { 30, 62, 63, 64, 100 })
        {
            foreach (var lead in new byte[] { 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF })
            {
                for (var second = 0x70; second <= 0xC0; second++)
                {
                    foreach (var third in new byte[] { 0x41, 0x80, 0xBF, 0xC0 })
                    {
                        foreach (var fourth in new byte[] { 0x41, 0x80, 0x9F, 0xBF, 0xE0 })
                        {
                            foreach (var cut in new[] { 1, 2, 3, 4 })
                            {
                                var text = new byte[offset + cut];
                                Context(offset).CopyTo(text, 0);
                                var sequence = new[] { lead, (byte)second, third, fourth };
                                sequence.AsSpan(0, cut).CopyTo(text.AsSpan(offset));
                                Assert.True(validate(text) == Utf8.IsValid(text), $"{Convert.ToHexString(sequence)} cut {cut} at {offset}");
                            }
                        }
                    }
                }
            }
        }
    }

    [SharedDataTheory]
    [MemberData(nameof(Implementations))]
    public void DamagedCorpusTextIsJudgedAsThePlatformJudgesIt(string implementation)
    {
        var validate = Get(implementation);
        var random = new Random(7);
        var texts = CorpusReader.Read("ko-wiki.jsonl.gz", limit: 300).Concat(CorpusReader.Read("en-wiki.jsonl.gz", limit: 50))
            .Select(d => Encoding.UTF8.GetBytes(d.Text)).ToList();
        var invalid = 0;
        foreach (var text in texts)
        {
            Assert.True(validate(text));
            for (var n = 0; n < 30; n++)
            {
                var damaged = Damage(text, random);
                var expected = Utf8.IsValid(damaged);
                invalid += expected ? 0 : 1;
                Assert.True(validate(damaged) == expected, $"mutation {n} of a {text.Length}-byte text: expected {expected}");
            }
        }
        Assert.True(invalid > 3000, $"only {invalid} of the mutations were invalid UTF-8");
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void AStringCutInsideACharacterIsInvalidAtEveryLength(string implementation)
    {
        var validate = Get(implementation);
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("한국어 문장 😀 ", 20)));
        for (var length = 0; length <= text.Length; length++)
        {
            var slice = text.AsSpan(0, length);
            Assert.True(validate(slice) == Utf8.IsValid(slice), $"length {length}");
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void EveryByteValueAtEveryPositionBeforeAsciiOrTheEndIsJudgedAsThePlatformJudgesIt(string implementation)
    {
        var validate = Get(implementation);
        foreach (var length in new[] { 64, 130, 200 })
        {
            var text = Context(length);
            for (var at = Math.Max(0, length - 140); at < length; at++)
            {
                if ((text[at] & 0x80) != 0)
                {
                    continue;
                }
                for (var value = 0x80; value <= 0xFF; value++)
                {
                    var original = text[at];
                    text[at] = (byte)value;
                    // Followed by ASCII to the end, or the last byte of the input.
                    Assert.True(validate(text) == Utf8.IsValid(text), $"{value:X2} at {at} of {length}");
                    Assert.True(validate(text.AsSpan(0, at + 1)) == Utf8.IsValid(text.AsSpan(0, at + 1)), $"{value:X2} ending {at + 1} bytes");
                    text[at] = original;
                }
            }
        }
    }

    private static byte[] Damage(byte[] text, Random random)
    {
        var damaged = (byte[])text.Clone();
        var at = random.Next(damaged.Length);
        switch (random.Next(4))
        {
            case 0:
                damaged[at] = (byte)random.Next(256);
                break;
            case 1:
                damaged[at] ^= (byte)(1 << random.Next(8));
                break;
            case 2:
                return damaged[..at];
            default:
                // A byte removed: a cut in the middle of the text, where a later character's lead follows.
                return [.. damaged[..at], .. damaged[(at + 1)..]];
        }
        return damaged;
    }
}
