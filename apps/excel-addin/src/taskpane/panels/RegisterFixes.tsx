/** The KBO register check: one button, and a "take the register's value" per finding. */
import { Button } from "@fluentui/react-components";
import { registerFixes, registerText } from "../../features/register/register.js";
import { useActions, useBusy, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";

export function RegisterFixes() {
  const { lang, tr } = useT();
  const a = useActions();
  const busy = useBusy();
  const sheet = usePane((s) => s.sheet);
  const register = usePane((s) => s.register);
  const fixes = sheet && register ? registerFixes(sheet, register) : [];
  return (
    <div id="pb-register">
      <Button
        id="pb-register-check"
        disabledFocusable={busy || !sheet}
        onClick={() => void a.fix.doRegisterCheck()}
      >
        {registerText("label", lang)}
      </Button>
      {fixes.length && sheet ? (
        <ul className="register-fixes">
          {fixes.map((f) => (
            <li key={`${f.row}:${f.code}:${f.field}`}>
              {`${tr("fix.row", { ref: String(sheet.firstRow + f.row) })}: ${f.message} `}
              <Button size="small" onClick={() => void a.fix.takeFromRegister(f)}>
                {registerText("take", lang)}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
