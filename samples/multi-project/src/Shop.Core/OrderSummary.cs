using Humanizer;

namespace Shop.Core;

public static class OrderSummary
{
    public static string Describe(int count) => $"{count.ToWords()} {"order".ToQuantity(count, ShowQuantityAs.None)}";
}
