using System.Globalization;
using System.Text;

namespace MultiStage.Generator.Infrastructure;

/// <summary>
/// JSON string literals for the JSON the generator writes: exec-form arrays in the Dockerfile, compose's
/// healthcheck test, the image build state.
/// </summary>
internal static class JsonQuoting
{
    /// <summary>
    /// A JSON string literal: quotes, backslashes and every control character (C0, DEL and C1, U+0085 among them)
    /// escaped, and the Unicode line and paragraph separators too, so no reader sees a line break in it.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ' || (c >= '\u007f' && c <= '\u009f') || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
