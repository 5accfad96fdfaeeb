using Xunit;

namespace Shop.Core.Tests;

public class OrderSummaryTests
{
    [Fact]
    public void Describes_a_count_in_words() => Assert.Equal("two orders", OrderSummary.Describe(2));
}
