using System;
using System.Collections.Generic;

namespace MultiStage.Generator.Facts;

/// <summary>A boolean item metadata (Runtime, Volume) written as something other than true or false, to be reported.</summary>
internal sealed record InvalidItemFlag(string ItemType, string Include, string Metadata, string Value);

/// <summary>Boolean item metadata, read one way for every item: a typo such as Runtime="yes" is an error, never a silent false.</summary>
internal static class ItemFlag
{
    /// <summary>
    /// True for "true", false for "false" or empty (any case, trimmed). Anything else is false here and is added to
    /// <paramref name="invalid"/>, for the validator to report.
    /// </summary>
    public static bool Parse(string itemType, string include, string metadata, string value, List<InvalidItemFlag> invalid)
    {
        var text = value.Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Length > 0 && !text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            invalid.Add(new InvalidItemFlag(itemType, include, metadata, value));
        }

        return false;
    }
}
