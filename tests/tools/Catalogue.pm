# What the translation checks share (cli_translations.pl,
# diag_translations.pl): C string literals joined as C joins them, the
# printf conversions of a format, and a catalogue of {"English", "中文"}
# entries read and checked: every entry has Chinese with the same
# conversions in the same order.
package Catalogue;
use strict;
use warnings;
use Exporter 'import';
our @EXPORT = qw($lit join_lits convs read_catalogue);

our $lit = qr/(?:"(?:[^"\\]|\\.)*"\s*)+/;

sub join_lits {
    my $s = shift;
    my $o = "";
    $o .= $1 while $s =~ /"((?:[^"\\]|\\.)*)"/g;
    return $o;
}

sub convs {
    my $s = shift;
    $s =~ s/%%//g;
    return join " ", $s =~ /(%[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp])/g;
}

# read_catalogue(FILE) -> (\%zh, $fail): the entries, English to Chinese;
# each problem printed, $fail 1 when there was one.
sub read_catalogue {
    my $cat = shift;
    local $/;
    open my $fh, "<", $cat or die "$cat: $!\n";
    my $c = <$fh>;
    my (%zh, $fail);
    $fail = 0;
    while ($c =~ /\{\s*($lit),\s*($lit)\}/g) {
        my ($en, $zh) = (join_lits($1), join_lits($2));
        $zh{$en} = $zh;
        if ($zh eq "") {
            print "missing Chinese for \"$en\" ($cat)\n";
            $fail = 1;
        } elsif (convs($en) ne convs($zh)) {
            print "the Chinese of \"$en\" takes [" . convs($zh) . "], not [" . convs($en) . "] ($cat)\n";
            $fail = 1;
        }
    }
    return (\%zh, $fail);
}

1;
