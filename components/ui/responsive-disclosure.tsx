"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Content that is always shown from the md breakpoint up and folds behind a button on narrow screens (the
 * main menu, the catalog filters). A disclosure, not a modal: the button says whether it is open
 * (aria-expanded), Escape closes it and gives focus back to the button, and following a link closes it.
 */
export function ResponsiveDisclosure({
  id,
  label,
  openLabel,
  buttonClassName = "",
  className = "",
  children,
}: {
  id: string;
  /** The button's text while folded, and while open. */
  label: ReactNode;
  openLabel: ReactNode;
  buttonClassName?: string;
  className?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const [seen, setSeen] = useState({ pathname, search });
  // After a navigation the panel folds again (state adjusted while rendering, as React recommends).
  if (seen.pathname !== pathname || seen.search !== search) {
    setSeen({ pathname, search });
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        className={`md:hidden ${buttonClassName}`}
      >
        {open ? openLabel : label}
      </button>
      {/* Following a link folds it too, also one to the page already shown. */}
      <div
        id={id}
        className={`${open ? "block" : "hidden"} md:block ${className}`}
        onClick={(e) => {
          if ((e.target as Element).closest("a")) setOpen(false);
        }}
      >
        {children}
      </div>
    </>
  );
}
