// The link every survey page carries to /about-your-answers (what happens to the answers): one
// component, so the IIT and EIT pages cannot drift apart. The page's language comes from the root.
import { translate } from "~/utils/i18n";
import { useLang } from "~/utils/use-lang";

export function AboutAnswersLink() {
  return (
    <footer className="about-answers-link">
      <a href="/about-your-answers">{translate(useLang(), "about.link")}</a>
    </footer>
  );
}
