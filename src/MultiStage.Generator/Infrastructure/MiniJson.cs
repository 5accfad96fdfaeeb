using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MultiStage.Generator.Infrastructure;

/// <summary>
/// A small JSON reader for the few JSON files restore and the images depend on (global.json, package.json).
/// The task assembly ships no dependencies, so it cannot rely on a JSON library being loadable in every MSBuild.
/// Objects become dictionaries, arrays lists, numbers doubles. Comments and trailing commas are tolerated,
/// as the .NET host tolerates them in global.json.
/// </summary>
internal static class MiniJson
{
    public static object? Parse(string text)
    {
        var reader = new Reader(text);
        var value = reader.ReadValue();
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            throw new FormatException("Unexpected text after the JSON value.");
        }

        return value;
    }

    /// <summary>The value at a path of object keys, or null when any part is missing or not an object.</summary>
    public static object? Get(object? root, params string[] path)
    {
        var current = root;
        foreach (var key in path)
        {
            if (current is not Dictionary<string, object?> obj || !obj.TryGetValue(key, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>A parsed value written back as compact JSON (numbers as the shortest text that reads back the same).</summary>
    public static string Write(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string text => JsonQuoting.Quote(text),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        Dictionary<string, object?> obj => "{" + string.Join(",", obj.Select(p => JsonQuoting.Quote(p.Key) + ":" + Write(p.Value))) + "}",
        List<object?> list => "[" + string.Join(",", list.Select(Write)) + "]",
        _ => throw new ArgumentException("Not a parsed JSON value: " + value.GetType().Name),
    };

    /// <summary>A string at a path of object keys, or null when any part is missing or not of that shape.</summary>
    public static string? GetString(object? root, params string[] path) => Get(root, path) as string;

    private sealed class Reader
    {
        private readonly string text;
        private int position;

        public Reader(string text) => this.text = text;

        public bool AtEnd => position >= text.Length;

        public object? ReadValue()
        {
            SkipWhitespace();
            if (AtEnd)
            {
                throw new FormatException("Unexpected end of JSON.");
            }

            switch (text[position])
            {
                case '{': return ReadObject();
                case '[': return ReadArray();
                case '"': return ReadString();
                case 't': Expect("true"); return true;
                case 'f': Expect("false"); return false;
                case 'n': Expect("null"); return null;
                default: return ReadNumber();
            }
        }

        public void SkipWhitespace()
        {
            while (!AtEnd)
            {
                var c = text[position];
                if (char.IsWhiteSpace(c) || c == '\uFEFF')
                {
                    position++;
                }
                else if (c == '/' && position + 1 < text.Length && text[position + 1] == '/')
                {
                    while (!AtEnd && text[position] != '\n')
                    {
                        position++;
                    }
                }
                else if (c == '/' && position + 1 < text.Length && text[position + 1] == '*')
                {
                    var end = text.IndexOf("*/", position + 2, StringComparison.Ordinal);
                    position = end < 0 ? text.Length : end + 2;
                }
                else
                {
                    return;
                }
            }
        }

        private Dictionary<string, object?> ReadObject()
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            position++;
            while (true)
            {
                SkipWhitespace();
                if (Peek() == '}')
                {
                    position++;
                    return result;
                }

                var key = ReadString();
                SkipWhitespace();
                Consume(':');
                result[key] = ReadValue();
                SkipWhitespace();
                if (Peek() == ',')
                {
                    position++;
                }
                else if (Peek() != '}')
                {
                    throw new FormatException($"Expected ',' or '}}' at {position}.");
                }
            }
        }

        private List<object?> ReadArray()
        {
            var result = new List<object?>();
            position++;
            while (true)
            {
                SkipWhitespace();
                if (Peek() == ']')
                {
                    position++;
                    return result;
                }

                result.Add(ReadValue());
                SkipWhitespace();
                if (Peek() == ',')
                {
                    position++;
                }
                else if (Peek() != ']')
                {
                    throw new FormatException($"Expected ',' or ']' at {position}.");
                }
            }
        }

        private string ReadString()
        {
            Consume('"');
            var builder = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw new FormatException("Unterminated string.");
                }

                var c = text[position++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                var escape = Peek();
                position++;
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (position + 4 > text.Length)
                        {
                            throw new FormatException("Bad \\u escape.");
                        }

                        builder.Append((char)int.Parse(text.Substring(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        position += 4;
                        break;
                    default: throw new FormatException($"Bad escape '\\{escape}'.");
                }
            }
        }

        private double ReadNumber()
        {
            var start = position;
            while (!AtEnd && "+-0123456789.eE".IndexOf(text[position]) >= 0)
            {
                position++;
            }

            if (start == position)
            {
                throw new FormatException($"Unexpected character '{text[position]}' at {position}.");
            }

            return double.Parse(text.Substring(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        private void Expect(string word)
        {
            if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
            {
                throw new FormatException($"Expected '{word}' at {position}.");
            }

            position += word.Length;
        }

        private char Peek() => AtEnd ? throw new FormatException("Unexpected end of JSON.") : text[position];

        private void Consume(char c)
        {
            if (Peek() != c)
            {
                throw new FormatException($"Expected '{c}' at {position}.");
            }

            position++;
        }
    }
}
