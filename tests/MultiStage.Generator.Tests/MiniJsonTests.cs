using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using Xunit;

namespace MultiStage.Generator.Tests;

public class MiniJsonTests
{
    [Fact]
    public void Objects_arrays_strings_numbers_and_literals_are_read()
    {
        var root = (Dictionary<string, object?>)MiniJson.Parse("""
            { "s": "text", "n": -1.5e2, "t": true, "f": false, "z": null, "a": [1, "two", {}], "o": { "k": "v" } }
            """)!;

        Assert.Equal("text", root["s"]);
        Assert.Equal(-150d, root["n"]);
        Assert.Equal(true, root["t"]);
        Assert.Equal(false, root["f"]);
        Assert.Null(root["z"]);
        Assert.Equal(new object?[] { 1d, "two", new Dictionary<string, object?>() }, (List<object?>)root["a"]!);
        Assert.Equal("v", MiniJson.GetString(root, "o", "k"));
    }

    [Fact]
    public void Line_and_block_comments_are_skipped()
    {
        var root = MiniJson.Parse("""
            // global.json
            {
              /* the SDK */ "sdk": { // pinned
                "version": "10.0.100" /* exact */
              }
            }
            // end
            """);

        Assert.Equal("10.0.100", MiniJson.GetString(root, "sdk", "version"));
    }

    [Fact]
    public void Trailing_commas_are_tolerated()
    {
        var root = MiniJson.Parse("""{ "a": [1, 2, ], "b": { "c": "d", }, }""");

        Assert.Equal(2, ((List<object?>)((Dictionary<string, object?>)root!)["a"]!).Count);
        Assert.Equal("d", MiniJson.GetString(root, "b", "c"));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        Assert.Equal("v", MiniJson.GetString(MiniJson.Parse("\uFEFF{\"k\":\"v\"}"), "k"));
    }

    [Theory]
    [InlineData(@"""a\""b""", "a\"b")]
    [InlineData(@"""a\\b""", @"a\b")]
    [InlineData(@"""a\/b""", "a/b")]
    [InlineData(@"""\b\f\n\r\t""", "\b\f\n\r\t")]
    [InlineData(@"""caf\u00e9 \u00C9""", "café É")]
    [InlineData(@"""ünïcode as is""", "ünïcode as is")]
    public void String_escapes_are_decoded(string json, string expected)
    {
        Assert.Equal(expected, MiniJson.Parse(json));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\": 1 \"b\": 2}")]
    [InlineData("[1 2]")]
    [InlineData("\"unterminated")]
    [InlineData("\"bad \\x escape\"")]
    [InlineData("\"short \\u12\"")]
    [InlineData("\"bad \\uzzzz hex\"")]
    [InlineData("tru")]
    [InlineData("nul")]
    [InlineData("{} extra")]
    [InlineData("{a: 1}")]
    [InlineData("@")]
    public void Malformed_JSON_is_a_FormatException(string json)
    {
        Assert.Throws<FormatException>(() => MiniJson.Parse(json));
    }

    [Theory]
    [InlineData("""{ "sdk": { "version": 10 } }""")]
    [InlineData("""{ "sdk": "10.0.100" }""")]
    [InlineData("""{ "other": { "version": "10.0.100" } }""")]
    [InlineData("""[ { "sdk": { "version": "10.0.100" } } ]""")]
    public void GetString_is_null_when_the_path_is_missing_or_of_another_shape(string json)
    {
        Assert.Null(MiniJson.GetString(MiniJson.Parse(json), "sdk", "version"));
    }
}
