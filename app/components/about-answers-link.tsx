// The link every survey page carries to /about-your-answers (what happens to the answers): one
// component, so the IIT and EIT pages cannot drift apart. The page's language comes from the root.
import { useT } from "~/utils/use-lang";

export function AboutAnswersLink() {
  const t = useT();
  return (
    <footer className="about-answers-link">
      <a href="/about-your-answers">{t("about.link")}</a>
    </footer>
  );
}
