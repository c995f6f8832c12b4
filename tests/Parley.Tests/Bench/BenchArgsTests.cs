using Parley.Bench.Cli;

namespace Parley.Tests.Bench;

public sealed class BenchArgsTests
{
    [Fact]
    public void Each_option_is_read_by_name_with_its_type()
    {
        var args = BenchArgs.Parse(["--requests", "5", "--keep-alive", "true", "--path", "/page", "--rate", "2.5", "--protocol", "nchan"]);

        Assert.Equal(5, args.Int("requests", 10));
        Assert.True(args.Bool("keep-alive", false));
        Assert.Equal("/page", args.Text("path", "/"));
        Assert.Equal(2.5, args.Double("rate", 0));
        Assert.Equal(TargetProtocol.Nchan, args.Choice("protocol", TargetProtocol.Seed));
    }

    [Fact]
    public void An_option_not_given_reads_as_its_fallback()
    {
        var args = BenchArgs.Parse([]);

        Assert.Equal(10, args.Int("requests", 10));
        Assert.False(args.Bool("keep-alive", false));
        Assert.Equal("/", args.Text("path", "/"));
        Assert.Null(args.Text("json"));
    }

    [Fact]
    public void Booleans_accept_yes_and_no_and_on_and_off()
    {
        var args = BenchArgs.Parse(["--a", "yes", "--b", "on", "--c", "no", "--d", "off"]);

        Assert.Equal([true, true, false, false], [args.Bool("a", false), args.Bool("b", false), args.Bool("c", true), args.Bool("d", true)]);
    }

    [Fact]
    public void A_word_without_leading_dashes_is_a_usage_error()
    {
        var error = Assert.Throws<BenchUsageException>(() => BenchArgs.Parse(["requests", "5"]));

        Assert.Equal("expected an option like --name, got 'requests'", error.Message);
    }

    [Fact]
    public void Two_dashes_alone_are_a_usage_error()
    {
        var error = Assert.Throws<BenchUsageException>(() => BenchArgs.Parse(["--", "5"]));

        Assert.Equal("expected an option like --name, got '--'", error.Message);
    }

    [Fact]
    public void An_option_without_a_value_is_a_usage_error()
    {
        var error = Assert.Throws<BenchUsageException>(() => BenchArgs.Parse(["--requests", "5", "--json"]));

        Assert.Equal("option --json needs a value", error.Message);
    }

    [Fact]
    public void An_option_given_twice_is_a_usage_error()
    {
        var error = Assert.Throws<BenchUsageException>(() => BenchArgs.Parse(["--requests", "5", "--requests", "6"]));

        Assert.Equal("option --requests is given twice", error.Message);
    }

    [Fact]
    public void A_whole_number_below_its_minimum_is_a_usage_error_that_names_the_range()
    {
        var args = BenchArgs.Parse(["--concurrency", "0"]);

        var error = Assert.Throws<BenchUsageException>(() => args.Int("concurrency", 10, min: 1, max: 100));

        Assert.Equal("--concurrency must be a whole number from 1 to 100, got '0'", error.Message);
    }

    [Fact]
    public void A_fraction_where_a_whole_number_belongs_is_a_usage_error()
    {
        var args = BenchArgs.Parse(["--requests", "1.5"]);

        var error = Assert.Throws<BenchUsageException>(() => args.Int("requests", 10, min: 1));

        Assert.Equal("--requests must be a whole number from 1 to 2147483647, got '1.5'", error.Message);
    }

    [Fact]
    public void A_number_that_is_not_finite_is_a_usage_error()
    {
        var args = BenchArgs.Parse(["--rate", "Infinity"]);

        var error = Assert.Throws<BenchUsageException>(() => args.Double("rate", 0));

        Assert.Equal("--rate must be a number of at least 0, got 'Infinity'", error.Message);
    }

    [Fact]
    public void A_word_that_is_not_a_boolean_is_a_usage_error()
    {
        var args = BenchArgs.Parse(["--keep-alive", "maybe"]);

        var error = Assert.Throws<BenchUsageException>(() => args.Bool("keep-alive", false));

        Assert.Equal("--keep-alive must be true or false, got 'maybe'", error.Message);
    }

    [Fact]
    public void An_unknown_choice_is_a_usage_error_that_lists_the_choices()
    {
        var args = BenchArgs.Parse(["--protocol", "websocket"]);

        var error = Assert.Throws<BenchUsageException>(() => args.Choice("protocol", TargetProtocol.Seed));

        Assert.Equal("--protocol must be one of seed, nchan, json, got 'websocket'", error.Message);
    }

    [Fact]
    public void A_choice_given_as_a_number_is_a_usage_error()
    {
        var args = BenchArgs.Parse(["--protocol", "7"]);

        Assert.Throws<BenchUsageException>(() => args.Choice("protocol", TargetProtocol.Seed));
    }

    [Fact]
    public void Options_that_nothing_read_are_a_usage_error_listed_in_order()
    {
        var args = BenchArgs.Parse(["--zeta", "1", "--requests", "5", "--alpha", "2"]);
        args.Int("requests", 10);

        var error = Assert.Throws<BenchUsageException>(args.ThrowOnUnused);

        Assert.Equal("unknown option(s) for this mode: --alpha, --zeta", error.Message);
    }

    [Fact]
    public void An_option_read_but_not_given_does_not_count_as_unused()
    {
        var args = BenchArgs.Parse(["--requests", "5"]);
        args.Int("requests", 10);
        args.Bool("keep-alive", false);

        args.ThrowOnUnused();
    }

    [Fact]
    public void A_list_of_whole_numbers_is_read_from_commas()
    {
        var args = BenchArgs.Parse(["--server-pid", "101, 102"]);

        Assert.Equal([101, 102], args.IntList("server-pid", min: 1));
        Assert.Empty(args.IntList("other"));
    }

    [Fact]
    public void A_list_item_out_of_range_is_a_usage_error_that_names_the_item()
    {
        var args = BenchArgs.Parse(["--server-pid", "101,0"]);

        var error = Assert.Throws<BenchUsageException>(() => args.IntList("server-pid", min: 1));

        Assert.Equal("--server-pid must be whole numbers from 1 to 2147483647, separated by commas, got '0'", error.Message);
    }
}
