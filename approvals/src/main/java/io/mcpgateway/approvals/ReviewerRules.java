package io.mcpgateway.approvals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;

/**
 * Who may see, decide and withdraw a request. Pure functions of the request, its history and
 * the person; the service enforces them inside the transaction that records a decision, and
 * the page asks them to show only the actions a person may take.
 *
 * <ul>
 *     <li>A requester never decides their own request, whatever groups they are in (administrators
 *     included); matching is by subject and, when both have one, by e-mail.</li>
 *     <li>Only members of the current stage's reviewer groups decide it.</li>
 *     <li>Every approval of a request comes from a different person, across stages too.</li>
 *     <li>Requesters, reviewers of any stage and administrators may see a request; the requester
 *     and administrators may withdraw a pending one.</li>
 * </ul>
 */
public final class ReviewerRules {

    private final Set<String> adminGroups;

    /**
     * Creates the rules.
     *
     * @param adminGroups groups whose members see every request and may withdraw any pending one
     */
    public ReviewerRules(Set<String> adminGroups) {
        this.adminGroups = Set.copyOf(adminGroups);
    }

    /**
     * Why a person may not decide the request now, if they may not.
     *
     * @param request   the request
     * @param history   its history
     * @param reviewer  the person
     * @param approving true to approve, false to deny
     * @return the refusal, or empty when the decision is allowed
     */
    public Optional<ApprovalException> refusal(ApprovalRequest request, List<ApprovalEvent> history,
                                               Identity reviewer, boolean approving) {
        if (request.status() != ApprovalStatus.PENDING) {
            return Optional.of(new ApprovalException("already_decided", "Request " + request.id() + " is already "
                    + request.status().label() + "; nothing is left to decide."));
        }
        if (isRequester(request, reviewer)) {
            return Optional.of(new ApprovalException("self_approval", "You requested this call, so you cannot "
                    + "decide it: another member of " + groups(request.currentStage().orElseThrow())
                    + " must review it (you may cancel it instead)."));
        }
        Decision.Stage stage = request.currentStage().orElseThrow();
        if (!reviewer.inAnyGroup(stage.groups())) {
            return Optional.of(new ApprovalException("not_reviewer", "Stage '" + stage.name() + "' is decided by "
                    + "members of " + groups(stage) + ", and you are in none of them."));
        }
        if (approving) {
            for (ApprovalEvent e : history) {
                if (e.kind() == ApprovalEvent.Kind.APPROVED && e.actorSubject().equals(reviewer.subject())) {
                    return Optional.of(new ApprovalException("already_approved", "You already approved this request"
                            + " (stage '" + request.stages().get(e.stage()).name() + "'); every approval must come "
                            + "from a different reviewer."));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the person requested the call.
     *
     * @param request request
     * @param person  person
     * @return true for the requester
     */
    public boolean isRequester(ApprovalRequest request, Identity person) {
        Identity requester = request.requester();
        return requester.subject().equals(person.subject())
                || (!requester.email().isEmpty() && requester.email().equalsIgnoreCase(person.email()));
    }

    /**
     * Whether the person may see the request.
     *
     * @param request request
     * @param person  person
     * @return true for the requester, reviewers of any stage and administrators
     */
    public boolean mayView(ApprovalRequest request, Identity person) {
        return isAdmin(person) || isRequester(request, person)
                || request.stages().stream().anyMatch(s -> person.inAnyGroup(s.groups()));
    }

    /**
     * Whether the person may withdraw the request.
     *
     * @param request request
     * @param person  person
     * @return true for the requester and administrators while the request is pending
     */
    public boolean mayCancel(ApprovalRequest request, Identity person) {
        return request.status() == ApprovalStatus.PENDING && (isRequester(request, person) || isAdmin(person));
    }

    /**
     * Whether the person is an administrator of approvals.
     *
     * @param person person
     * @return true when in an admin group
     */
    public boolean isAdmin(Identity person) {
        return person.inAnyGroup(adminGroups);
    }

    private static String groups(Decision.Stage stage) {
        return String.join(", ", new TreeSet<>(stage.groups()));
    }
}
