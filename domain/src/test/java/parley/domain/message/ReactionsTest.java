package parley.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import parley.domain.shared.Ulid;
import parley.domain.user.UserId;

/** PROTOCOL-1.1 §3: reactions are idempotent per user and emoji, at most 20 distinct per message. */
class ReactionsTest {

    private static final UserId ADA = UserId.of("01J9ZQ50000000000000000000");
    private static final UserId GRACE = UserId.of("01J9ZQ70000000000000000000");
    private static final Emoji THUMBS = Emoji.of("👍");
    private static final Emoji HEART = Emoji.of("❤️");

    @Test
    void reactionsCountPerEmojiInTheOrderFirstUsed() {
        Reactions reactions = Reactions.NONE.add(THUMBS, ADA).orElseThrow()
                .add(HEART, GRACE).orElseThrow()
                .add(THUMBS, GRACE).orElseThrow();

        assertThat(reactions.counts()).containsExactly(
                new Reactions.Count(THUMBS, 2, List.of(ADA, GRACE)),
                new Reactions.Count(HEART, 1, List.of(GRACE)));
    }

    @Test
    void reactingAgainOrTakingAwayWhatIsNotThereChangesNothing() {
        Reactions once = Reactions.NONE.add(THUMBS, ADA).orElseThrow();

        assertThat(once.add(THUMBS, ADA)).isEmpty();
        assertThat(once.remove(HEART, ADA)).isEmpty();
        assertThat(once.remove(THUMBS, GRACE)).isEmpty();
        assertThat(once.remove(THUMBS, ADA)).hasValueSatisfying(none -> assertThat(none.isEmpty()).isTrue());
    }

    @Test
    void aTwentyFirstDistinctEmojiIsRefusedButMoreOfOneAlreadyThereIsNot() {
        List<String> twenty = IntStream.range(0, 20).mapToObj(i -> Character.toString(0x1F600 + i)).toList();
        Reactions full = Reactions.NONE;
        for (String emoji : twenty) {
            full = full.add(Emoji.of(emoji), ADA).orElseThrow();
        }
        Reactions atTheLimit = full;

        assertThatThrownBy(() -> atTheLimit.add(Emoji.of("🚀"), GRACE))
                .isInstanceOfSatisfying(MessageRuleViolation.class, v -> assertThat(v.rule()).isEqualTo(MessageRule.TOO_MANY_REACTIONS));
        assertThat(atTheLimit.add(Emoji.of(twenty.getFirst()), GRACE)).isPresent();
    }

    @Test
    void aStateListsAtMostFiftyUsersOfAnEmojiButCountsThemAll() {
        List<UserId> many = IntStream.range(0, 60).mapToObj(i -> UserId.of(Ulid.encode(1, i))).toList();
        Reactions reactions = Reactions.of(Map.of(THUMBS, many));

        Reactions.Count count = reactions.counts().getFirst();
        assertThat(count.count()).isEqualTo(60);
        assertThat(count.userIds()).hasSize(Reactions.USERS_LISTED).containsExactlyElementsOf(many.subList(0, 50));
    }

    @Test
    void theReactionsAsStoredEqualTheSameBuiltByChanges() {
        Reactions built = Reactions.NONE.add(THUMBS, ADA).orElseThrow();

        assertThat(Reactions.of(Map.of(THUMBS, List.of(ADA)))).isEqualTo(built);
        assertThat(Reactions.of(Map.of(THUMBS, List.of()))).isEqualTo(Reactions.NONE);
    }
}
